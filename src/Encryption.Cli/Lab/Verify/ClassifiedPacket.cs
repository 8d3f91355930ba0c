namespace Encryption.Cli.Lab.Verify;

/// <summary>
/// One underlay frame as <c>lab verify</c> judges it: its kind, a one-line tcpdump-like description, whether its IP
/// header is pod-to-pod (both addresses in lab pod CIDRs), and whether the probe payload is visible in it.
/// </summary>
internal sealed record ClassifiedPacket(int Number, TimeSpan Offset, PacketKind Kind, string Description, bool PodToPod, string? VisiblePayload)
{
    /// <summary>Plaintext pod traffic: pod-to-pod or probe payload visible, outside an encrypted envelope.</summary>
    public bool Offending => !Kind.IsEncrypted() && (PodToPod || VisiblePayload is not null);
}
