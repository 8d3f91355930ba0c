using Encryption.Cli.Lab.Ztunnel;

namespace Encryption.Cli.Lab.Verify;

/// <summary>
/// The judgement of <c>lab verify</c>. With backend <c>none</c> plaintext must be seen (the control case: it proves
/// the capture sees pod traffic); with an encrypting backend any plaintext is a failure (for ztunnel, which carries TCP
/// only, any plaintext TCP), and its envelope (ESP, UDP 51871, TCP 15008) must be seen. Traffic between the pods must work in every case, except with backend ztunnel
/// when no proxy ran (<see cref="DecideControlPlane"/>).
/// </summary>
internal sealed record VerifyVerdict(bool Passed, string Explanation)
{
    public int ExitCode => Passed ? 0 : 1;

    public static VerifyVerdict Decide(string backend, CaptureSummary capture, IReadOnlyList<ProbeResult> probes)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(probes);
        var failed = probes.Where(p => !p.Ok).ToList();
        if (failed.Count > 0 || probes.Count == 0)
        {
            var which = string.Join("; ", failed.Select(p => $"{p.From.Name} -> {p.To.Name}"));
            return new(false, probes.Count == 0 ? "FAIL: no traffic was sent" : $"FAIL: traffic between pods failed ({which})");
        }

        if (PacketKinds.EnvelopeOf(backend) is not { } envelope)
        {
            return capture.PlaintextSeen
                ? new(true, $"OK: expected for backend {backend}: nothing is encrypted; this control case proves the capture sees pod traffic")
                : new(false, $"FAIL: backend {backend} must show plaintext on the underlay, but the capture saw none: it cannot be trusted");
        }

        // ztunnel carries TCP only (Cilium: "only TCP is redirected"); its pods' ICMP and UDP are plaintext by design.
        var tcpOnly = backend == "ztunnel";
        if (tcpOnly ? capture.OffendingTcp > 0 : capture.PlaintextSeen)
            return new(false, $"FAIL: plaintext pod-to-pod {(tcpOnly ? "TCP " : "")}traffic crossed the underlay with backend {backend}");
        if (capture.Count(envelope) == 0)
            return new(false, $"FAIL: no {envelope.Label()} packets seen with backend {backend}: the traffic took another path, or the capture missed it");
        return tcpOnly
            ? new(true, $"OK: pod TCP crossed the underlay only inside {envelope.Label()} ({capture.Count(envelope)} packets); ICMP and UDP are not carried by ztunnel and not judged")
            : new(true, $"OK: pod traffic crossed the underlay only inside {envelope.Label()} ({capture.Count(envelope)} packets)");
    }

    /// <summary>
    /// Backend ztunnel with no proxy: only the control plane can be judged, and the verdict never claims encryption.
    /// Pings must work; every agent's control plane must be up and the pods' in-pod rules as enrollment says. Enrolled
    /// pods fail closed: their TCP must be refused and no plaintext TCP may cross the underlay. Pods not enrolled talk
    /// plaintext TCP, as they would in a cluster.
    /// </summary>
    public static VerifyVerdict DecideControlPlane(CaptureSummary capture, IReadOnlyList<ProbeResult> probes, IReadOnlyList<string> controlPlaneProblems, bool enrolled)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(controlPlaneProblems);
        if (probes.Count == 0)
            return new(false, "FAIL: no traffic was sent");
        if (probes.Where(p => !p.PingOk).Select(p => $"{p.From.Name} -> {p.To.Name}").ToList() is { Count: > 0 } noPing)
            return new(false, $"FAIL: ping between pods failed ({string.Join("; ", noPing)})");
        if (controlPlaneProblems.Count > 0)
            return new(false, $"FAIL: ztunnel control plane: {string.Join("; ", controlPlaneProblems)}; {LabZtunnel.NotExercised}");
        if (enrolled && capture.OffendingTcp > 0)
            return new(false, $"FAIL: {capture.OffendingTcp} plaintext TCP packets between enrolled pods crossed the underlay: the in-pod redirection is not in effect; {LabZtunnel.NotExercised}");
        if (enrolled && probes.Where(p => p.TcpOk).Select(p => $"{p.From.Name} -> {p.To.Name}").ToList() is { Count: > 0 } open)
            return new(false, $"FAIL: TCP between enrolled pods worked with no proxy ({string.Join("; ", open)}): the in-pod redirection is not in effect; {LabZtunnel.NotExercised}");
        if (!enrolled && probes.Where(p => !p.TcpOk).Select(p => $"{p.From.Name} -> {p.To.Name}").ToList() is { Count: > 0 } closed)
            return new(false, $"FAIL: TCP between pods that are not enrolled failed ({string.Join("; ", closed)}): in-pod rules left behind?; {LabZtunnel.NotExercised}");
        var pods = enrolled
            ? "pods enrolled, in-pod rules in every pod; enrolled pods fail closed (TCP refused, no plaintext TCP on the underlay)"
            : "namespace not enrolled, no in-pod rules left; pod TCP is plaintext, as configured";
        return new(true, $"OK: ztunnel control plane up on every node ({pods}); {LabZtunnel.NotExercised}: nothing here shows pod traffic encrypted");
    }
}
