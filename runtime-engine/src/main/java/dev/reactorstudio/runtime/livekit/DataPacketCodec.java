package dev.reactorstudio.runtime.livekit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.Optional;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.UserPacket;

/**
 * Data-channel messages: each one is a binary {@code DataPacket}. Only user packets (payload +
 * topic) matter here; chat, RPC, streams and the rest are not for the model and are dropped.
 */
final class DataPacketCodec {

    /** A user packet a viewer published. */
    record UserMessage(String topic, byte[] payload) {
    }

    private DataPacketCodec() {
    }

    /**
     * @return the user packet, or empty for any other kind of packet
     * @throws IllegalArgumentException when the bytes are not a DataPacket
     */
    static Optional<UserMessage> decode(ByteBuffer bytes) {
        DataPacket packet;
        try {
            packet = DataPacket.parseFrom(bytes.duplicate());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("data channel message is not a LiveKit DataPacket: " + e.getMessage(), e);
        }
        if (packet.getValueCase() != DataPacket.ValueCase.USER) {
            return Optional.empty();
        }
        UserPacket user = packet.getUser();
        return Optional.of(new UserMessage(user.getTopic(), user.getPayload().toByteArray()));
    }

    /**
     * A reliable user packet from {@code sender}. The client finds the sending participant by
     * {@code participant_identity}, so it must be a participant the viewer knows. The sequence
     * stays 0: non-zero sequences must rise strictly per sender, and the model's messages reach
     * each viewer through several threads (model, command errors) where 0 cannot go wrong.
     */
    static ByteBuffer encode(String senderIdentity, String senderSid, String topic, byte[] payload) {
        DataPacket packet = DataPacket.newBuilder()
                .setKind(DataPacket.Kind.RELIABLE)
                .setParticipantIdentity(senderIdentity)
                .setParticipantSid(senderSid)
                .setUser(UserPacket.newBuilder()
                        .setParticipantIdentity(senderIdentity)
                        .setParticipantSid(senderSid)
                        .setTopic(topic)
                        .setPayload(ByteString.copyFrom(payload)))
                .build();
        return ByteBuffer.wrap(packet.toByteArray());
    }
}
