using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xfrm.Client;
using Xfrm.Model;
using Xfrm.Tests.Support;

namespace Xfrm.Tests.Uml;

/// <summary>
/// Real ESP between two network namespaces joined through a bridge in a third (the underlay); every XFRM object
/// comes from the library.
/// A capture on the wire must show ESP and never the plaintext.
/// </summary>
[Trait("Tier", "Uml")]
public sealed class UmlEspTrafficTests
{
    private const string Marker = "PLAINTEXT-MARKER-4f1c";

    [Fact]
    public void PingAndTcpBetweenNamespacesTravelAsEspOnly()
    {
        Tiers.RequireUml();
        using var a = new TestNamespace("espa");
        using var b = new TestNamespace("espb");
        using var wire = new TestNamespace("espw");

        // A and B hang off a bridge in a third namespace (the underlay): a capture there sees exactly what
        // travels between them. (A capture on A's or B's own interface would also show packets after decryption.)
        wire.Ip("link", "add", "br0", "type", "bridge");
        wire.Ip("link", "set", "br0", "up");
        foreach (var (ns, name) in new[] { (a, "a"), (b, "b") })
        {
            wire.Ip("link", "add", "w" + name, "type", "veth", "peer", "name", "veth-" + name, "netns", ns.Name);
            wire.Ip("link", "set", "w" + name, "master", "br0", "up");
            ns.Ip("link", "set", "lo", "up");
            ns.Ip("link", "set", "veth-" + name, "up");
        }

        a.Ip("addr", "add", "10.50.0.1/24", "dev", "veth-a");
        a.Ip("addr", "add", "fd00:50::1/64", "dev", "veth-a", "nodad");
        b.Ip("addr", "add", "10.50.0.2/24", "dev", "veth-b");
        b.Ip("addr", "add", "fd00:50::2/64", "dev", "veth-b", "nodad");

        // IPv4 with AES-GCM + ESN, IPv6 with AES-CBC + HMAC-SHA256: one pair of SAs per direction each.
        var gcmAtoB = XfrmKey.FromHex("0x0102030405060708090a0b0c0d0e0f1011121314");
        var gcmBtoA = XfrmKey.FromHex("0x2122232425262728292a2b2c2d2e2f3031323334");
        Configure(a.Client, b.Client, "10.50.0.1", "10.50.0.2", 0x100, 0x200, (key, _) => new XfrmAeadAlgorithm("rfc4106(gcm(aes))", key, 128), null, gcmAtoB, gcmBtoA);
        Configure(a.Client, b.Client, "fd00:50::1", "fd00:50::2", 0x300, 0x400, null,
            key => (new XfrmAuthAlgorithm("hmac(sha256)", key, 128), new XfrmCryptAlgorithm("cbc(aes)", new XfrmKey(key.Span[..16]))),
            XfrmKey.FromHex("0x" + new string('a', 64)), XfrmKey.FromHex("0x" + new string('b', 64)));

        using var capture = new TempDirectory();
        var pcap = Path.Combine(capture.Path, "wire.pcap");
        using var tcpdump = StartCapture(wire.Name, pcap);

        var ping4 = a.Exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "-p", Convert.ToHexString(Encoding.ASCII.GetBytes(Marker[..16])), "10.50.0.2");
        Assert.True(ping4.ExitCode == 0, "IPv4 ping over ESP failed:\n" + ping4.Output);
        var ping6 = a.Exec("ping", "-6", "-c", "3", "-i", "0.2", "-W", "2", "fd00:50::2");
        Assert.True(ping6.ExitCode == 0, "IPv6 ping over ESP failed:\n" + ping6.Output);
        var sent = TransferOverTcp(a, b, IPAddress.Parse("10.50.0.2"));
        Assert.True(sent > 100_000);

        Thread.Sleep(500);
        tcpdump.Kill();
        tcpdump.WaitForExit();

        var decoded = Processes.Run("tcpdump", ["-nn", "-r", pcap]).Output;
        Assert.Contains("ESP(spi=0x00000100", decoded, StringComparison.Ordinal);
        Assert.Contains("ESP(spi=0x00000200", decoded, StringComparison.Ordinal);
        Assert.Contains("ESP(spi=0x00000300", decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("ICMP echo", decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("ICMP6, echo", decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("Flags [", decoded, StringComparison.Ordinal);
        var raw = File.ReadAllBytes(pcap);
        Assert.Equal(-1, raw.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker[..16])));

        var outbound = a.Client.ListStates(new XfrmStateFilter { Spi = 0x100 }).Single();
        Assert.True(outbound.Current.Packets > 50, $"OUT state carried {outbound.Current.Packets} packets");
        Assert.True(outbound.ReplayEsn!.OutboundSequence > 50);
    }

    private static void Configure(
        XfrmClient a, XfrmClient b, string addressA, string addressB, uint spiAtoB, uint spiBtoA,
        Func<XfrmKey, int, XfrmAeadAlgorithm>? aead, Func<XfrmKey, (XfrmAuthAlgorithm, XfrmCryptAlgorithm)>? split,
        XfrmKey keyAtoB, XfrmKey keyBtoA)
    {
        var ipA = IPAddress.Parse(addressA);
        var ipB = IPAddress.Parse(addressB);
        var host = XfrmFamilies.HostPrefixLength(XfrmFamilies.Of(ipA));

        XfrmState Sa(IPAddress from, IPAddress to, uint spi, XfrmKey key)
        {
            var state = new XfrmState
            {
                Source = from,
                Destination = to,
                Spi = spi,
                ReqId = 7,
                Mode = XfrmMode.Tunnel,
                Flags = XfrmStateFlags.Esn,
                ReplayEsn = XfrmReplayStateEsn.ForWindow(1024),
            };
            if (aead is not null)
                return state with { Aead = aead(key, 0) };
            var (auth, crypt) = split!(key);
            return state with { Authentication = auth, Encryption = crypt };
        }

        XfrmPolicy Policy(IPAddress from, IPAddress to, XfrmPolicyDirection direction, uint spi) => new()
        {
            Selector = XfrmSelector.Between($"{from}/{host}", $"{to}/{host}"),
            Direction = direction,
            Templates = new[] { XfrmTemplate.Tunnel(from, to, spi, 7) },
        };

        a.Apply(
        [
            new XfrmChange.AddState(Sa(ipA, ipB, spiAtoB, keyAtoB)),
            new XfrmChange.AddState(Sa(ipB, ipA, spiBtoA, keyBtoA)),
            new XfrmChange.AddPolicy(Policy(ipA, ipB, XfrmPolicyDirection.Out, spiAtoB)),
            new XfrmChange.AddPolicy(Policy(ipB, ipA, XfrmPolicyDirection.In, 0)),
        ]).ThrowIfAnyFailed();
        b.Apply(
        [
            new XfrmChange.AddState(Sa(ipA, ipB, spiAtoB, keyAtoB)),
            new XfrmChange.AddState(Sa(ipB, ipA, spiBtoA, keyBtoA)),
            new XfrmChange.AddPolicy(Policy(ipB, ipA, XfrmPolicyDirection.Out, spiBtoA)),
            new XfrmChange.AddPolicy(Policy(ipA, ipB, XfrmPolicyDirection.In, 0)),
        ]).ThrowIfAnyFailed();
    }

    private static Process StartCapture(string ns, string pcap)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "netns", "exec", ns, "tcpdump", "-i", "br0", "-U", "-n", "-w", pcap })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(pcap) && DateTime.UtcNow < deadline)
            Thread.Sleep(100);
        Assert.True(File.Exists(pcap), "tcpdump did not start capturing");
        Thread.Sleep(300);
        return process;
    }

    /// <summary>Sends 256 KiB full of the marker from A to B over TCP; sockets are created inside the namespaces.</summary>
    private static int TransferOverTcp(TestNamespace a, TestNamespace b, IPAddress server)
    {
        var payload = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Marker, 256 * 1024 / Marker.Length)));
        using var listener = b.Handle.Run(() =>
        {
            var l = new TcpListener(server, 5001);
            l.Start();
            return l;
        });
        using var client = a.Handle.Run(() => new TcpClient(AddressFamily.InterNetwork));
        var accept = listener.AcceptTcpClientAsync();
        client.Connect(server, 5001);
        using var serverSide = accept.GetAwaiter().GetResult();
        var receive = Task.Run(() =>
        {
            using var stream = serverSide.GetStream();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
        using (var stream = client.GetStream())
        {
            stream.Write(payload);
            client.Client.Shutdown(SocketShutdown.Send);
            Assert.True(receive.Wait(TimeSpan.FromSeconds(60)), "TCP transfer over ESP stalled");
        }

        var received = receive.Result;
        Assert.Equal(payload, received);
        return received.Length;
    }
}
