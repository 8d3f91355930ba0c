using System.Globalization;
using System.Net;
using Xfrm.Model;

namespace Xfrm.Bench;

/// <summary>
/// The objects both contenders install: N OUT states like Cilium's (distinct destinations, tunnel mode, GCM, ESN,
/// node mark and output mark) and N OUT policies to distinct /24s with a tunnel template.
/// </summary>
internal static class BenchObjects
{
    private static readonly IPAddress Local = IPAddress.Parse("10.0.0.1");
    private static readonly XfrmKey Key = XfrmKey.FromHex("0x5ceb47a1b03dae618aa2b1fa45bd2ec718346d79");
    private static readonly XfrmReplayStateEsn Esn = XfrmReplayStateEsn.ForWindow(1024);

    public static IPAddress Remote(int i) => new([10, (byte)(100 + (i >> 16)), (byte)(i >> 8), (byte)i]);

    public static string PodCidr(int i) => string.Create(CultureInfo.InvariantCulture, $"{20 + (i >> 16)}.{(i >> 8) & 0xff}.{i & 0xff}.0/24");

    public static uint MarkValue(int i) => 0xe00 | (3u << 12) | ((uint)(i & 0xffff) << 16);

    public static XfrmState State(int i) => new()
    {
        Source = Local,
        Destination = Remote(i),
        Spi = (uint)(i + 1),
        ReqId = 1,
        Mode = XfrmMode.Tunnel,
        Flags = XfrmStateFlags.Esn,
        ReplayEsn = Esn,
        Mark = new XfrmMark(MarkValue(i), 0xffffff00),
        OutputMark = new XfrmMark(0xe00, 0xffffff00),
        Aead = new XfrmAeadAlgorithm("rfc4106(gcm(aes))", Key, 128),
    };

    public static XfrmPolicy Policy(int i) => new()
    {
        Selector = XfrmSelector.Between("0.0.0.0/0", PodCidr(i)),
        Direction = XfrmPolicyDirection.Out,
        Mark = new XfrmMark(MarkValue(i), 0xffffff00),
        Templates = new[] { XfrmTemplate.Tunnel(Local, Remote(i), 3, 1) },
    };

    /// <summary>The same state as one <c>ip -batch</c> line.</summary>
    public static string StateAddLine(int i) => string.Create(CultureInfo.InvariantCulture,
        $"xfrm state add src {Local} dst {Remote(i)} proto esp spi {i + 1} reqid 1 mode tunnel replay-window 1024 flag esn " +
        $"mark 0x{MarkValue(i):x} mask 0xffffff00 output-mark 0xe00 mask 0xffffff00 aead rfc4106(gcm(aes)) {Key.RevealHex()} 128");

    public static string StateDeleteLine(int i) => string.Create(CultureInfo.InvariantCulture,
        $"xfrm state delete src {Local} dst {Remote(i)} proto esp spi {i + 1} mark 0x{MarkValue(i):x} mask 0xffffff00");

    public static string PolicyAddLine(int i) => string.Create(CultureInfo.InvariantCulture,
        $"xfrm policy add src 0.0.0.0/0 dst {PodCidr(i)} dir out mark 0x{MarkValue(i):x} mask 0xffffff00 " +
        $"tmpl src {Local} dst {Remote(i)} proto esp spi 3 reqid 1 mode tunnel");

    public static string PolicyDeleteLine(int i) => string.Create(CultureInfo.InvariantCulture,
        $"xfrm policy delete src 0.0.0.0/0 dst {PodCidr(i)} dir out mark 0x{MarkValue(i):x} mask 0xffffff00");
}
