using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Protos.Zds;
using Google.Protobuf;

namespace Encryption.Ztunnel.Zds;

/// <summary>ZDS messages to and from bytes (one protobuf message per SEQPACKET datagram, no framing).</summary>
public static class ZdsProtocol
{
    /// <summary>ztunnel reads into 1024 bytes and rejects anything truncated.</summary>
    public const int MaxRequestSize = 1024;

    public static byte[] Add(LocalWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var w = workload.Workload;
        return Encode(new WorkloadRequest
        {
            Add = new AddWorkload
            {
                Uid = w.Uid,
                WorkloadInfo = new WorkloadInfo { Name = w.Name, Namespace = w.Namespace, ServiceAccount = w.ServiceAccount },
            },
        });
    }

    public static byte[] Keep(string uid) => Encode(new WorkloadRequest { Keep = new KeepWorkload { Uid = uid } });

    public static byte[] Del(string uid) => Encode(new WorkloadRequest { Del = new DelWorkload { Uid = uid } });

    public static byte[] SnapshotSent() => Encode(new WorkloadRequest { SnapshotSent = new SnapshotSent() });

    public static ZdsHello ReadHello(ReadOnlySpan<byte> datagram) => Decode(ZdsHello.Parser, datagram, "ZdsHello");

    /// <summary>The ack's error text: empty on success.</summary>
    public static string ReadAck(ReadOnlySpan<byte> datagram)
    {
        var response = Decode(WorkloadResponse.Parser, datagram, "WorkloadResponse");
        if (response.PayloadCase != WorkloadResponse.PayloadOneofCase.Ack)
            throw new ZdsProtocolException("WorkloadResponse without an ack");
        return response.Ack.Error;
    }

    private static byte[] Encode(WorkloadRequest request)
    {
        var bytes = request.ToByteArray();
        if (bytes.Length > MaxRequestSize)
            throw new ZdsProtocolException($"request of {bytes.Length} bytes exceeds ztunnel's {MaxRequestSize}-byte datagram limit");
        return bytes;
    }

    private static T Decode<T>(MessageParser<T> parser, ReadOnlySpan<byte> datagram, string name)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(datagram);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ZdsProtocolException($"cannot decode {name}: {e.Message}");
        }
    }
}

/// <summary>ztunnel sent something that breaks the protocol; the connection is dropped (ztunnel reconnects).</summary>
public sealed class ZdsProtocolException(string message) : Exception(message);
