package dev.csvtest.seeding;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;

/**
 * The answer to one CloudFormation custom resource request, as PUT to its pre-signed {@code ResponseURL}.
 *
 * <p>Fields and limits follow the custom resource response objects reference: the whole body stays under 4,096
 * bytes, so the reason is cut to 1,000 characters and {@code Data} holds a few short strings.
 *
 * @param status             SUCCESS or FAILED
 * @param physicalResourceId the resource's id; CloudFormation treats a changed id on Update as a replacement
 * @param reason             why it failed (required with FAILED), else {@code null}
 * @param data               values for {@code Fn::GetAtt}
 */
record CustomResourceResponse(Status status, String physicalResourceId, String reason, Map<String, String> data) {

    enum Status { SUCCESS, FAILED }

    private static final int MAX_REASON = 1_000;

    CustomResourceResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(physicalResourceId, "physicalResourceId");
        data = data == null ? Map.of() : Map.copyOf(data);
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
    }

    static CustomResourceResponse success(String physicalResourceId, Map<String, String> data) {
        return new CustomResourceResponse(Status.SUCCESS, physicalResourceId, null, data);
    }

    static CustomResourceResponse failed(String physicalResourceId, String reason) {
        return new CustomResourceResponse(Status.FAILED, physicalResourceId, Objects.requireNonNull(reason, "reason"), null);
    }

    /** The JSON body CloudFormation expects, echoing the request's identifiers. */
    String toJson(CloudFormationCustomResourceEvent request) {
        var json = new StringBuilder(256).append('{');
        field(json, "Status", status.name()).append(',');
        if (reason != null) {
            field(json, "Reason", reason).append(',');
        }
        field(json, "PhysicalResourceId", physicalResourceId).append(',');
        field(json, "StackId", request.getStackId()).append(',');
        field(json, "RequestId", request.getRequestId()).append(',');
        field(json, "LogicalResourceId", request.getLogicalResourceId()).append(',');
        json.append("\"NoEcho\":false,\"Data\":{");
        var first = true;
        for (var entry : new TreeMap<>(data).entrySet()) {
            if (!first) {
                json.append(',');
            }
            field(json, entry.getKey(), entry.getValue());
            first = false;
        }
        return json.append("}}").toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return string(string(json, name).append(':'), value);
    }

    private static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
