namespace Encryption.Cli.Lab.Verify;

/// <summary>
/// The judgement of <c>lab verify</c>. With backend <c>none</c> plaintext must be seen (the control case: it proves
/// the capture sees pod traffic); with an encrypting backend any plaintext is a failure, and its envelope (ESP,
/// UDP 51871, TCP 15008) must be seen. Traffic between the pods must work in every case.
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

        if (capture.PlaintextSeen)
            return new(false, $"FAIL: plaintext pod-to-pod traffic crossed the underlay with backend {backend}");
        if (capture.Count(envelope) == 0)
            return new(false, $"FAIL: no {envelope.Label()} packets seen with backend {backend}: the traffic took another path, or the capture missed it");
        return new(true, $"OK: pod traffic crossed the underlay only inside {envelope.Label()} ({capture.Count(envelope)} packets)");
    }
}
