package dev.csvtest.local.gateway;

import dev.csvtest.local.json.Json;

/** The gateway's JSON: events out, Lambda responses in (the stack's one mapper). */
final class GatewayJson {

    private GatewayJson() {
    }

    static byte[] write(Object value) {
        return Json.write(value);
    }

    /** Any JSON value as maps, lists, strings, numbers, booleans or null. */
    static Object parse(byte[] json) {
        return Json.parse(json);
    }
}
