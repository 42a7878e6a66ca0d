package dev.csvtest.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * A proxy response with its body spliced in is byte for byte what Lambda's serializer writes for the whole response,
 * and has the same size: the 6 MB limit and {@code invoke}'s output see no difference.
 */
class PayloadSpliceTest {

    private static byte[] serializer(Object response) {
        var out = new ByteArrayOutputStream();
        Serializers.of(response.getClass()).serializer.toJson(response, out);
        return out.toByteArray();
    }

    /** A fresh splicer's answer for the response: its payload, or null where it leaves the response to the serializer. */
    private static Payload splice(Object response) throws Exception {
        return new ProxyResponseSplice().splice(Serializers.of(response.getClass()).serializer, response);
    }

    private static Payload spliced(Object response) throws Exception {
        var payload = splice(response);
        assertThat(payload).as("a large body is spliced").isNotNull();
        return payload;
    }

    /** What every splice must hold to: the bytes and the size of the serializer's output for the whole response. */
    private static void assertSerializersOutput(Payload payload, Object response) {
        byte[] whole = serializer(response);
        assertThat(payload.bytes()).isEqualTo(whole);
        assertThat(payload.size()).isEqualTo(whole.length);
    }

    private static String randomBody(Random random, int length) {
        var text = new StringBuilder();
        while (text.length() < length) {
            int kind = random.nextInt(20);
            text.append(switch (kind) {
                case 0 -> "\"";
                case 1 -> "\\";
                case 2 -> "\n";
                case 3 -> String.valueOf((char) random.nextInt(0x20));
                case 4 -> "é";
                case 5 -> "中";
                case 6 -> "😀";
                case 7 -> "/\u007f\u2028";
                default -> String.valueOf((char) (' ' + random.nextInt(95)));
            });
        }
        return text.toString();
    }

    @Test
    void httpApiResponse_splicedBytesAndSize_equalTheSerializersOutput() throws Exception {
        var random = new Random(7);
        for (int round = 0; round < 50; round++) {
            var response = APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "text/csv; charset=utf-8", "ETag", "\"abc\""))
                    .withCookies(List.of("a=b"))
                    .withBody(randomBody(random, 9_000 + random.nextInt(40_000)))
                    .withIsBase64Encoded(false)
                    .build();
            assertSerializersOutput(spliced(response), response);
        }
    }

    @Test
    void restResponse_splicedBytesAndSize_equalTheSerializersOutput() throws Exception {
        var random = new Random(8);
        var response = new APIGatewayProxyResponseEvent()
                .withStatusCode(201)
                .withHeaders(Map.of("X", "y"))
                .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
                .withBody(randomBody(random, 100_000));
        assertSerializersOutput(spliced(response), response);
        assertThat(response.getBody()).doesNotContain("local-stack-body");   // the handler's object is untouched
    }

    @Test
    void smallBodies_andLoneSurrogates_goThroughTheSerializerWhole() throws Exception {
        var small = APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("short").build();
        assertThat(splice(small)).isNull();
        var lone = APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("x".repeat(20_000) + "\ud800").build();
        assertThat(splice(lone)).isNull();
        var loneAmongAscii = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody("a?b".repeat(5_000) + "\udc00" + "?".repeat(10)).build();
        assertThat(splice(loneAmongAscii)).isNull();
    }

    @Test
    void asciiBodies_withEveryEscape_splicedBytesAndSize_equalTheSerializersOutput() throws Exception {
        var random = new Random(9);
        for (int round = 0; round < 50; round++) {
            var text = new StringBuilder();
            while (text.length() < 10_000 + random.nextInt(20_000)) {
                int kind = random.nextInt(12);
                text.append(kind == 0 ? '"' : kind == 1 ? '\\' : kind == 2 ? (char) random.nextInt(0x20) : kind == 3 ? '?'
                        : (char) (' ' + random.nextInt(95)));
            }
            var response = APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(text.toString()).build();
            assertSerializersOutput(spliced(response), response);
        }
    }

    @Test
    void oneEnvironmentsSplice_returningTheSameBodyAgain_orAnotherOne_staysExact() throws Exception {
        var splice = new ProxyResponseSplice();
        var serializer = Serializers.of(APIGatewayV2HTTPResponse.class).serializer;
        var random = new Random(11);
        String cached = randomBody(random, 20_000);
        for (String body : List.of(cached, cached, randomBody(random, 20_000), cached, cached + "\"")) {
            var response = APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).build();
            var payload = splice.splice(serializer, response);
            assertSerializersOutput(payload, response);
            assertThat(((Payload.Spliced) payload).bodyUtf8()).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
