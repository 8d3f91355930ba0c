using Netlink;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Codec;

/// <summary>Encodes a state as <c>XFRM_MSG_NEWSA</c>/<c>UPDSA</c> (<c>xfrm_usersa_info</c> + attributes) and decodes dump replies.</summary>
public static class XfrmStateCodec
{
    public static void Encode(ref NetlinkWriter writer, XfrmState state, ushort messageType, XfrmAttributeLayout layout = XfrmAttributeLayout.Request, NetlinkFlags flags = NetlinkFlags.None)
    {
        ArgumentNullException.ThrowIfNull(state);
        var message = writer.BeginMessage(messageType, flags);
        XfrmUserSaInfoWire.Write(writer.Reserve(XfrmUserSaInfoWire.Size), state);
        if (layout == XfrmAttributeLayout.Request)
            WriteRequestAttributes(ref writer, state);
        else
            WriteDumpAttributes(ref writer, state);
        writer.End(message);
    }

    /// <summary>Decodes a <c>NEWSA</c>-typed message (a dump reply, a GETSA reply or an add request).</summary>
    public static XfrmState Decode(NetlinkMessage message) => DecodePayload(message.Payload, null);

    /// <summary>Decodes one state of a dump; parts equal to the previous state's are shared through <paramref name="cache"/>.</summary>
    public static XfrmState Decode(NetlinkMessage message, XfrmDecodeCache? cache) => DecodePayload(message.Payload, cache);

    public static XfrmState DecodePayload(ReadOnlySpan<byte> payload) => DecodePayload(payload, null);

    public static XfrmState DecodePayload(ReadOnlySpan<byte> payload, XfrmDecodeCache? cache)
    {
        var info = XfrmUserSaInfoWire.Read(payload, cache);
        XfrmAeadAlgorithm? aead = null;
        XfrmAuthAlgorithm? auth = null, authTrunc = null;
        XfrmCryptAlgorithm? crypt = null;
        XfrmReplayStateEsn? esn = null;
        XfrmReplayState? replay = null;
        XfrmMark? mark = null;
        uint? setMark = null, setMarkMask = null, interfaceId = null, tfcPad = null;
        XfrmStateExtraFlags? extraFlags = null;
        XfrmSaDirection? direction = null;
        ulong? lastUsed = null;
        var reader = new NetlinkAttributeReader(payload.Length > XfrmUserSaInfoWire.Size ? payload[XfrmUserSaInfoWire.Size..] : default);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case XfrmAttributeType.AlgAead:
                    aead = cache is null ? XfrmAlgoAeadWire.Read(attribute.Payload) : cache.Aead(attribute.Payload);
                    break;
                case XfrmAttributeType.AlgAuthTrunc:
                    authTrunc = XfrmAlgoAuthWire.Read(attribute.Payload);
                    break;
                case XfrmAttributeType.AlgAuth:
                    var (authName, authKey) = XfrmAlgoWire.Read(attribute.Payload);
                    auth = new XfrmAuthAlgorithm(authName, authKey);
                    break;
                case XfrmAttributeType.AlgCrypt:
                    var (cryptName, cryptKey) = XfrmAlgoWire.Read(attribute.Payload);
                    crypt = new XfrmCryptAlgorithm(cryptName, cryptKey);
                    break;
                case XfrmAttributeType.ReplayEsnValue:
                    esn = cache is null ? XfrmReplayStateEsnWire.Read(attribute.Payload) : cache.ReplayEsn(attribute.Payload);
                    break;
                case XfrmAttributeType.ReplayValue:
                    replay = XfrmReplayStateWire.Read(attribute.Fixed(XfrmReplayStateWire.Size));
                    break;
                case XfrmAttributeType.Mark:
                    mark = XfrmMarkWire.Read(attribute.Fixed(XfrmMarkWire.Size));
                    break;
                case XfrmAttributeType.SetMark:
                    setMark = attribute.GetU32();
                    break;
                case XfrmAttributeType.SetMarkMask:
                    setMarkMask = attribute.GetU32();
                    break;
                case XfrmAttributeType.InterfaceId:
                    interfaceId = attribute.GetU32();
                    break;
                case XfrmAttributeType.TfcPad:
                    tfcPad = attribute.GetU32();
                    break;
                case XfrmAttributeType.SaExtraFlags:
                    extraFlags = (XfrmStateExtraFlags)attribute.GetU32();
                    break;
                case XfrmAttributeType.SaDirection:
                    direction = (XfrmSaDirection)attribute.GetU8();
                    break;
                case XfrmAttributeType.LastUsed:
                    lastUsed = attribute.GetU64();
                    break;
            }
        }

        return new XfrmState
        {
            Selector = info.Selector,
            Destination = info.Destination,
            Spi = info.Spi,
            Protocol = info.Protocol,
            Source = info.Source,
            Lifetime = info.Lifetime,
            Current = info.Current,
            Statistics = info.Statistics,
            Sequence = info.Sequence,
            ReqId = info.ReqId,
            Mode = info.Mode,
            ReplayWindow = info.ReplayWindow,
            Flags = info.Flags,
            Aead = aead,
            Authentication = authTrunc ?? auth,
            Encryption = crypt,
            ReplayEsn = esn,
            Replay = replay,
            Mark = mark,
            OutputMark = setMark is { } value ? new XfrmMark(value, setMarkMask ?? uint.MaxValue) : null,
            InterfaceId = interfaceId,
            TfcPad = tfcPad,
            ExtraFlags = extraFlags,
            Direction = direction,
            LastUsed = lastUsed,
        };
    }

    private static void WriteRequestAttributes(ref NetlinkWriter writer, XfrmState state)
    {
        if (state.ExtraFlags is { } extra)
            writer.WriteU32(XfrmAttributeType.SaExtraFlags, (uint)extra);
        WriteAlgorithms(ref writer, state, withPlainAuthCopy: false);
        if (state.ReplayEsn is { } esn)
            XfrmReplayStateEsnWire.Write(writer.ReserveAttribute(XfrmAttributeType.ReplayEsnValue, XfrmReplayStateEsnWire.EncodedSize(esn)), esn);
        else if (state.Replay is { } replay)
            XfrmReplayStateWire.Write(writer.ReserveAttribute(XfrmAttributeType.ReplayValue, XfrmReplayStateWire.Size), replay);
        WriteMarks(ref writer, state);
        if (state.InterfaceId is { } ifId)
            writer.WriteU32(XfrmAttributeType.InterfaceId, ifId);
        if (state.TfcPad is { } tfc)
            writer.WriteU32(XfrmAttributeType.TfcPad, tfc);
        if (state.Direction is { } direction)
            writer.WriteU8(XfrmAttributeType.SaDirection, (byte)direction);
    }

    private static void WriteDumpAttributes(ref NetlinkWriter writer, XfrmState state)
    {
        if (state.ExtraFlags is { } extra)
            writer.WriteU32(XfrmAttributeType.SaExtraFlags, (uint)extra);
        if (state.LastUsed is { } lastUsed)
            writer.WriteU64(XfrmAttributeType.LastUsed, lastUsed);
        WriteAlgorithms(ref writer, state, withPlainAuthCopy: true);
        if (state.TfcPad is { } tfc)
            writer.WriteU32(XfrmAttributeType.TfcPad, tfc);
        WriteMarks(ref writer, state);
        if (state.ReplayEsn is { } esn)
            XfrmReplayStateEsnWire.Write(writer.ReserveAttribute(XfrmAttributeType.ReplayEsnValue, XfrmReplayStateEsnWire.EncodedSize(esn)), esn);
        else
            XfrmReplayStateWire.Write(writer.ReserveAttribute(XfrmAttributeType.ReplayValue, XfrmReplayStateWire.Size), state.Replay ?? default);
        if (state.InterfaceId is { } ifId)
            writer.WriteU32(XfrmAttributeType.InterfaceId, ifId);
        if (state.Direction is { } direction)
            writer.WriteU8(XfrmAttributeType.SaDirection, (byte)direction);
    }

    private static void WriteAlgorithms(ref NetlinkWriter writer, XfrmState state, bool withPlainAuthCopy)
    {
        if (state.Aead is { } aead)
            XfrmAlgoAeadWire.Write(writer.ReserveAttribute(XfrmAttributeType.AlgAead, XfrmAlgoAeadWire.EncodedSize(aead)), aead);
        if (state.Authentication is { } auth)
        {
            if (auth.TruncationBits is null || withPlainAuthCopy)
                XfrmAlgoWire.Write(writer.ReserveAttribute(XfrmAttributeType.AlgAuth, XfrmAlgoWire.EncodedSize(auth.Key)), auth.Name, auth.Key);
            if (auth.TruncationBits is not null)
                XfrmAlgoAuthWire.Write(writer.ReserveAttribute(XfrmAttributeType.AlgAuthTrunc, XfrmAlgoAuthWire.EncodedSize(auth)), auth);
        }

        if (state.Encryption is { } crypt)
            XfrmAlgoWire.Write(writer.ReserveAttribute(XfrmAttributeType.AlgCrypt, XfrmAlgoWire.EncodedSize(crypt.Key)), crypt.Name, crypt.Key);
    }

    private static void WriteMarks(ref NetlinkWriter writer, XfrmState state)
    {
        if (state.Mark is { } mark)
            XfrmMarkWire.Write(writer.ReserveAttribute(XfrmAttributeType.Mark, XfrmMarkWire.Size), mark);
        if (state.OutputMark is { } output)
        {
            writer.WriteU32(XfrmAttributeType.SetMark, output.Value);
            writer.WriteU32(XfrmAttributeType.SetMarkMask, output.Mask);
        }
    }
}
