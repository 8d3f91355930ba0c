using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Genetlink;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Reconcile;
using Encryption.WireGuard.Uapi;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WireGuard.Bench;

// WireGuard.Bench: configure 5,000 peers from scratch on a fresh wireguard-go, with this library and with `wg setconf`
// (same configuration, same run, alternating), then add one peer to 5,000 and report what was sent. Needs root,
// wireguard-go and wg. Usage: dotnet run -c Release -- [peers=5000] [rounds=5]
var peers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
using var own = PrivateKey.Generate();
var desired = Cluster.Desired(peers);
var device = new DesiredDevice(own, 51871, 0x1E00, TimeSpan.Zero);
var wgConfig = Cluster.WgConfig(own, desired);

Console.WriteLine($"{peers} peers, 2 allowed IPs each (node /32 + pod /24), wireguard-go {Tool.Version("wireguard-go", "--version")}, {Tool.Version("wg", "--version")}");
var ours = new List<double>();
var theirs = new List<double>();
for (var round = 0; round < rounds; round++)
{
    using (var lab = new Lab())
    {
        var client = new UapiClient(lab.SocketDirectory);
        var reconciler = new DeviceReconciler(client, lab.Interface, NullLogger.Instance);
        var watch = Stopwatch.StartNew();
        reconciler.Reconcile(desired, device);
        ours.Add(watch.Elapsed.TotalSeconds);
        if (round == 0 && client.GetDevice(lab.Interface).Peers.Length != peers)
            throw new InvalidOperationException("library run did not configure every peer");
    }

    using (var lab = new Lab())
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, wgConfig);
        var watch = Stopwatch.StartNew();
        lab.Wg("setconf", lab.Interface, file);
        theirs.Add(watch.Elapsed.TotalSeconds);
        File.Delete(file);
        if (round == 0 && new UapiClient(lab.SocketDirectory).GetDevice(lab.Interface).Peers.Length != peers)
            throw new InvalidOperationException("wg setconf did not configure every peer");
    }
}

Console.WriteLine($"from scratch, library (read device + plan + one UAPI set): median {Median(ours):F3} s  [{string.Join(", ", ours.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]");
Console.WriteLine($"from scratch, wg setconf (same config):               median {Median(theirs):F3} s  [{string.Join(", ", theirs.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}]");

using (var lab = new Lab())
{
    var client = new UapiClient(lab.SocketDirectory);
    var reconciler = new DeviceReconciler(client, lab.Interface, NullLogger.Instance);
    reconciler.Reconcile(desired, device);
    var more = Cluster.Desired(peers + 1);
    var watch = Stopwatch.StartNew();
    var applied = reconciler.Reconcile(more, device);
    var elapsed = watch.Elapsed.TotalMilliseconds;
    var set = applied.Single();
    Console.WriteLine($"one peer added to {peers}: {applied.Count} operation ({set.Kind}), UAPI request {client.LastRequestBytes} bytes, {elapsed:F1} ms (including the read of {peers} peers)");
    Console.WriteLine($"    request: {Encoding.ASCII.GetString(UapiRequestWriter.WriteSet(set.Config)).Replace("\n", "\\n", StringComparison.Ordinal)}");
    var plan = SetMessagePlan.Create(lab.Interface, set.Config);
    Console.WriteLine($"    as genetlink: {plan.Messages.Count} message, {Genetlink.Bytes(lab.Interface, set.Config)} bytes");
}

var scratch = new Encryption.WireGuard.Model.DeviceConfig
{
    PrivateKey = own,
    ListenPort = 51871,
    FirewallMark = 0x1E00,
    Peers = [.. desired.Peers.Select(p => new Encryption.WireGuard.Model.PeerConfig { PublicKey = p.PublicKey, Endpoint = p.Endpoint, AllowedIPs = p.AllowedIPs })],
};
var uapiEncode = Stopwatch.StartNew();
var uapiBytes = UapiRequestWriter.WriteSet(scratch).Length;
Console.WriteLine($"UAPI encoding of {peers} peers from scratch: one request of {uapiBytes} bytes, {uapiEncode.Elapsed.TotalMilliseconds:F1} ms");
var encode = Stopwatch.StartNew();
var messages = SetMessagePlan.Create("cilium_wg0", scratch).Messages.Count;
var bytes = Genetlink.Bytes("cilium_wg0", scratch);
Console.WriteLine($"genetlink encoding of {peers} peers from scratch: {messages} messages of <= {SetMessagePlan.DefaultMaxMessageBytes} bytes, {bytes} bytes, {encode.Elapsed.TotalMilliseconds:F1} ms (no kernel module here: encode only)");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

namespace WireGuard.Bench
{
    /// <summary>The synthetic cluster: node i has 172.16.x.y and pod CIDR 10.x.y.0/24.</summary>
    internal static class Cluster
    {
        public static WireGuardDesiredState Desired(int count) => new()
        {
            Peers =
            [
                .. Enumerable.Range(0, count).Select(i => new DesiredPeer
                {
                    NodeName = $"node-{i}",
                    PublicKey = new PublicKey(SHA256.HashData(BitConverter.GetBytes(i))),
                    Endpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Parse($"172.16.{i / 250}.{(i % 250) + 1}"), 51871),
                    AllowedIPs = [System.Net.IPNetwork.Parse($"10.{i / 250}.{i % 250}.0/24"), System.Net.IPNetwork.Parse($"172.16.{i / 250}.{(i % 250) + 1}/32")],
                }),
            ],
        };

        public static string WgConfig(PrivateKey key, WireGuardDesiredState desired)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"[Interface]\nPrivateKey = {key.RevealBase64()}\nListenPort = 51871\nFwMark = 0x1e00\n");
            foreach (var p in desired.Peers)
                text.Append(CultureInfo.InvariantCulture, $"\n[Peer]\nPublicKey = {p.PublicKey}\nEndpoint = {p.Endpoint}\nAllowedIPs = {string.Join(", ", p.AllowedIPs)}\n");
            return text.ToString();
        }
    }

    internal static class Genetlink
    {
        public static long Bytes(string name, Encryption.WireGuard.Model.DeviceConfig config)
        {
            var plan = SetMessagePlan.Create(name, config);
            var buffer = new byte[plan.MaxMessageBytes];
            long total = 0;
            for (var i = 0; i < plan.Messages.Count; i++)
            {
                var writer = new Netlink.NetlinkWriter(buffer);
                SetMessageWriter.Write(ref writer, 0x1b, name, config, plan, i);
                total += writer.Position;
            }

            return total;
        }
    }

    /// <summary>A fresh network namespace with a fresh wireguard-go (default socket directory, unique interface name).</summary>
    internal sealed class Lab : IDisposable
    {
        private readonly string ns = "wgb-" + Guid.NewGuid().ToString("N")[..8];
        private readonly Encryption.WireGuard.Device.WireGuardGoProcess process;

        public Lab()
        {
            Interface = "wgb" + Guid.NewGuid().ToString("N")[..8];
            Tool.Run("ip", "netns", "add", ns);
            SocketDirectory = UapiClient.DefaultSocketDirectory;
            process = Encryption.WireGuard.Device.WireGuardGoProcess.Start(Interface, SocketDirectory, ns);
        }

        public string Interface { get; }

        public string SocketDirectory { get; }

        public void Wg(params string[] arguments) => Tool.Run(["wg", .. arguments]);

        public void Dispose()
        {
            process.Dispose();
            Tool.Run("ip", "netns", "delete", ns);
        }
    }

    internal static class Tool
    {
        public static string Version(string tool, string flag) => Run(tool, flag).Split('\n')[0].Trim();

        public static string Run(params string[] command)
        {
            var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in command[1..])
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"{string.Join(' ', command)} exited {p.ExitCode}: {stderr}");
            return stdout.Result;
        }
    }
}
