using Encryption.Cli.Lab.Ztunnel;
using System.Globalization;

namespace Encryption.Cli.Lab.Verify;

/// <summary>
/// <c>lab verify</c>: captures on the underlay bridge while pods on different nodes ping each other and exchange a
/// TCP stream (each node's first pod to the next node's, in a ring), then reports what crossed the wire:
/// packets per kind, "plaintext seen: yes/no", the first offending packet, and the verdict for the backend. With backend
/// ztunnel and no proxy it says first that the encrypted data path is not exercised, and judges the control plane.
/// </summary>
internal sealed class LabVerify(LabConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(LabPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var state = LabStateStore.Read(paths);
        if (state is null)
        {
            console.Bad($"no lab \"{paths.Lab}\" (no {paths.StateFile}); create one with: encrypt lab up --name {paths.Lab}");
            return 1;
        }

        var topology = state.Topology;
        if (topology.Nodes.Length < 2)
        {
            console.Bad("lab verify needs at least 2 nodes: it checks traffic between pods on different nodes");
            return 1;
        }

        Directory.CreateDirectory(paths.VerifyDirectory);
        var file = Path.Combine(paths.VerifyDirectory, "underlay.pcap");
        console.Heading($"Verifying lab \"{state.Name}\" (backend {state.Backend}): capturing on {LabNames.Bridge} in {topology.Names.Underlay}");
        var controlPlaneOnly = state.Backend == "ztunnel" && state.Proxies.Count == 0;
        var enrolled = LabWorkloads.IsEnrolled(paths);
        if (controlPlaneOnly)
        {
            console.Bad(LabZtunnel.NotExercised);
            console.Note(enrolled
                ? $"namespace {LabWorkloads.Namespace} is enrolled: pod TCP is expected to be refused (redirected to ztunnel's ports, where nothing listens); ping is not redirected"
                : $"namespace {LabWorkloads.Namespace} is not enrolled: pod traffic is expected in plaintext");
        }

        var probes = new List<ProbeResult>();
        CaptureSummary summary;
        await using (var capture = await console.StepAsync($"capture started ({file})", () => UnderlayCapture.StartAsync(topology.Names.Underlay, LabNames.Bridge, file, time, cancellationToken)).ConfigureAwait(false))
        {
            foreach (var (from, to) in Pairs(topology))
            {
                var result = await PodProbe.RunAsync(from, to, time, cancellationToken).ConfigureAwait(false);
                probes.Add(result);
                var failClosed = controlPlaneOnly && enrolled;
                var line = $"{from.Name} {from.IPv4} -> {to.Name} {to.IPv4}: ping {result.Ping}; tcp {result.Tcp}{(failClosed ? " (expected: refused, fail closed)" : "")}";
                if (failClosed ? result.PingOk && !result.TcpOk : result.Ok)
                    console.Good($"  ✓ {line}");
                else
                    console.Bad($"  ✗ {line}");
            }

            await capture.StopAsync(cancellationToken).ConfigureAwait(false);
            summary = Summarize(file, topology);
        }

        Report(summary);
        if (state.Backend == "ztunnel")
            console.Line($"plaintext TCP (the only traffic ztunnel carries): {summary.OffendingTcp} packets");
        VerifyVerdict verdict;
        if (controlPlaneOnly)
        {
            console.Line("ztunnel control plane:");
            var problems = await ZtunnelControlPlaneProbe.CheckAsync(console, state, enrolled, cancellationToken).ConfigureAwait(false);
            verdict = VerifyVerdict.DecideControlPlane(summary, probes, problems, enrolled);
        }
        else
        {
            verdict = VerifyVerdict.Decide(state.Backend, summary, probes);
        }

        if (verdict.Passed)
            console.Good(verdict.Explanation);
        else
            console.Bad(verdict.Explanation);
        return verdict.ExitCode;
    }

    /// <summary>Each node's first pod to the next node's first pod, wrapping around.</summary>
    public static IEnumerable<(LabPod From, LabPod To)> Pairs(LabTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var nodes = topology.Nodes;
        if (nodes.Length == 2)
            return [(nodes[0].Pods[0], nodes[1].Pods[0])];
        return nodes.Select((node, i) => (node.Pods[0], nodes[(i + 1) % nodes.Length].Pods[0]));
    }

    private static CaptureSummary Summarize(string file, LabTopology topology)
    {
        var frames = PcapReader.Read(File.ReadAllBytes(file));
        var classifier = new PacketClassifier([.. topology.Nodes.Select(n => n.PodCidr)]);
        var start = frames.Count > 0 ? frames[0].Time : default;
        return CaptureSummary.From([.. frames.Select(f => classifier.Classify(f, start))]);
    }

    private void Report(CaptureSummary summary)
    {
        console.Line($"Underlay capture: {summary.Total} packets");
        foreach (var kind in PacketKinds.All)
            console.Line(string.Create(CultureInfo.InvariantCulture, $"  {kind.Label(),-10} {summary.Count(kind),6}"));
        var plaintext = summary.PlaintextSeen ? "yes" : "no";
        var detail = summary.PlaintextSeen
            ? $" ({summary.Offending} pod-to-pod packets in the clear; probe payload readable in {summary.PayloadVisible})"
            : "";
        console.Line($"plaintext seen: {plaintext}{detail}");
        if (summary.FirstOffending is { } first)
            Evidence("first offending packet", first);
        if (summary.FirstPayloadVisible is { } readable && readable != summary.FirstOffending)
            Evidence("first packet with readable probe payload", readable);
    }

    private void Evidence(string title, ClassifiedPacket packet)
    {
        console.Line(string.Create(CultureInfo.InvariantCulture, $"{title}: #{packet.Number} +{packet.Offset.TotalSeconds:0.000000}s {packet.Description}"));
        if (packet.VisiblePayload is { } payload)
            console.Line($"  payload: {payload}");
    }
}
