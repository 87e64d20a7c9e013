package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import livekit.LivekitModels.ChatMessage;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.UserPacket;
import org.junit.jupiter.api.Test;

class DataPacketCodecTest {

    /** What {@code localParticipant.publishData(bytes, {reliable: true, topic})} sends. */
    private static ByteBuffer fromBrowser(String topic, String text) {
        return ByteBuffer.wrap(DataPacket.newBuilder()
                .setKind(DataPacket.Kind.RELIABLE)
                .setSequence(1)
                .setUser(UserPacket.newBuilder().setParticipantIdentity("viewer-1").setTopic(topic)
                        .setPayload(ByteString.copyFromUtf8(text)))
                .build().toByteArray());
    }

    @Test
    void userPacketFromABrowserYieldsTopicAndPayload() {
        var message = DataPacketCodec.decode(fromBrowser("application", "{\"type\":\"set_palette\"}")).orElseThrow();

        assertThat(message.topic()).isEqualTo("application");
        assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"set_palette\"}");
    }

    @Test
    void packetsOtherThanUserPacketsAreIgnored() {
        ByteBuffer chat = ByteBuffer.wrap(DataPacket.newBuilder()
                .setChatMessage(ChatMessage.newBuilder().setMessage("hi")).build().toByteArray());

        assertThat(DataPacketCodec.decode(chat)).isEmpty();
    }

    @Test
    void bytesThatAreNotADataPacketAreRejected() {
        assertThatThrownBy(() -> DataPacketCodec.decode(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0x01})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DataPacket");
    }

    @Test
    void modelMessageNamesTheModelAsSenderSoTheClientCanAttributeIt() throws Exception {
        ByteBuffer encoded = DataPacketCodec.encode("reactor-model", "PA_model", "application",
                "{\"type\":\"state\"}".getBytes(StandardCharsets.UTF_8));

        DataPacket packet = DataPacket.parseFrom(encoded);
        assertThat(packet.getParticipantIdentity()).isEqualTo("reactor-model");
        assertThat(packet.getParticipantSid()).isEqualTo("PA_model");
        assertThat(packet.getKind()).isEqualTo(DataPacket.Kind.RELIABLE);
        assertThat(packet.getSequence()).as("0 = no duplicate filtering in the client").isZero();
        assertThat(packet.getUser().getTopic()).isEqualTo("application");
        assertThat(packet.getUser().getPayload().toStringUtf8()).isEqualTo("{\"type\":\"state\"}");
    }

    @Test
    void encodedPacketDecodesToTheSameMessage() {
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        var roundTrip = DataPacketCodec.decode(DataPacketCodec.encode("m", "PA_m", "runtime", payload)).orElseThrow();

        assertThat(roundTrip.topic()).isEqualTo("runtime");
        assertThat(roundTrip.payload()).isEqualTo(payload);
    }
}
