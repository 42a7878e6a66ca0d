package dev.csvtest.load;

/** Why a request failed. {@link #HTTP_STATUS} means a response arrived with a non-2xx status. */
public enum ErrorKind {
    HTTP_STATUS("http status"),
    CONNECT_REFUSED("connect refused"),
    CONNECT_TIMEOUT("connect timeout"),
    TIMEOUT("timeout"),
    RESET("connection reset"),
    CLOSED_EARLY("closed before response"),
    BAD_RESPONSE("malformed response"),
    UNKNOWN_HOST("unknown host"),
    TLS("tls"),
    IO("i/o error");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    /** A short human label, as printed in the report and written to JSON. */
    public String label() {
        return label;
    }
}
