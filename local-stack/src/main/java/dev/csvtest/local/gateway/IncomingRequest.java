package dev.csvtest.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as API Gateway received it, before mapping.
 *
 * @param headers header names as received (any case) with every value, in arrival order per name
 */
public record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        String protocol,
        String sourceIp,
        int localPort,
        byte[] body) {

    public IncomingRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }
}
