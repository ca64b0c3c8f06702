package dev.berth.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.format.ByteSize.Base;
import org.junit.jupiter.api.Test;

/** One rule for every byte count Berth prints. */
class ByteSizeTest {

    @Test
    void belowTheBaseItIsWholeBytes() {
        assertThat(ByteSize.binary(0)).isEqualTo("0 B");
        assertThat(ByteSize.binary(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.decimal(999)).isEqualTo("999 B");
    }

    @Test
    void theDecimalBaseSwitchesAtAThousandAndTheBinaryAt1024() {
        assertThat(ByteSize.decimal(1000)).isEqualTo("1.0 kB");
        assertThat(ByteSize.binary(1000)).isEqualTo("1000 B");
        assertThat(ByteSize.binary(1024)).isEqualTo("1.0 KiB");
    }

    @Test
    void oneDecimalBelowAHundredNoneFromAHundredOn() {
        assertThat(ByteSize.binary(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.binary(230L * 1024 * 1024)).isEqualTo("230 MiB");
        assertThat(ByteSize.decimal(12_345_678)).isEqualTo("12.3 MB");
        assertThat(ByteSize.decimal(5_000_000_000_000_000L)).isEqualTo("5000 TB");
    }

    @Test
    void theCliFormIsTheSameWithoutTheSpace() {
        assertThat(ByteSize.compact(1_990_000, Base.DECIMAL)).isEqualTo("2.0MB");
        assertThat(ByteSize.compact(880 * 1024, Base.BINARY)).isEqualTo("880KiB");
        assertThat(ByteSize.compact(512, Base.BINARY)).isEqualTo("512B");
    }
}
