package dev.csvtest.local.gateway;

import java.util.List;
import java.util.Locale;

/** REST API binary media type matching: {@code image/png}, {@code image/*} and {@code *}{@code /*} entries. */
final class MediaTypes {

    private MediaTypes() {
    }

    /** Whether {@code mediaType} (parameters ignored) is one of {@code binaryTypes}. */
    static boolean matches(String mediaType, List<String> binaryTypes) {
        if (mediaType == null || mediaType.isBlank()) {
            return false;
        }
        String type = essence(mediaType);
        for (String binary : binaryTypes) {
            String b = essence(binary);
            if (b.equals("*/*") || b.equals(type)
                    || b.endsWith("/*") && type.startsWith(b.substring(0, b.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The first media type of an {@code Accept} header: the only one API Gateway honours for binary responses. */
    static String firstAccepted(String accept) {
        return accept == null ? null : accept.split(",")[0];
    }

    private static String essence(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
