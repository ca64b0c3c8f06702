package dev.berth.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesDecoderTest {

    @Test
    void yieldsOneMessagePerLineSkippingBlankLinesAndCarriageReturns() throws IOException {
        byte[] bytes = "{\"a\":1}\r\n\r\n{\"a\":2}\n   \n{\"a\":3}".getBytes(StandardCharsets.UTF_8);
        JsonLinesDecoder<String> decoder = new JsonLinesDecoder<>(LogDecoderTest.trickle(bytes, 3),
                (b, off, len) -> new String(b, off, len, StandardCharsets.UTF_8).strip());
        List<String> messages = new ArrayList<>();
        for (String m = decoder.next(); m != null; m = decoder.next()) {
            messages.add(m);
        }
        assertThat(messages).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    }

    @Test
    void handlesMessagesLongerThanItsBuffer() throws IOException {
        String big = "{\"s\":\"" + "y".repeat(100_000) + "\"}";
        JsonLinesDecoder<Integer> decoder = new JsonLinesDecoder<>(new ByteArrayInputStream((big + "\n").getBytes(StandardCharsets.UTF_8)),
                (b, off, len) -> len);
        assertThat(decoder.next()).isEqualTo(big.length());
        assertThat(decoder.next()).isNull();
    }
}
