using System.Text.RegularExpressions;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// The Kubernetes pod a process belongs to, read from its <c>/proc/PID/cgroup</c> text. The kubelet puts every
/// container of a pod below a cgroup named after the pod's UID: <c>kubepods-besteffort-pod&lt;uid with _&gt;.slice</c>
/// with the systemd driver, <c>/kubepods/besteffort/pod&lt;uid&gt;/...</c> with the cgroupfs driver (guaranteed pods
/// have no QoS level in the path), on cgroup v1 and v2 alike.
/// </summary>
public static partial class PodCgroup
{
    /// <summary>The pod UID (with dashes), or null when the process is in no pod's cgroup.</summary>
    public static string? PodUid(string cgroupText)
    {
        ArgumentNullException.ThrowIfNull(cgroupText);
        var match = PodSegment().Match(cgroupText);
        return match.Success ? match.Groups["uid"].Value.Replace('_', '-').ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"[/-]pod(?<uid>[0-9a-fA-F]{8}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{12})(?:\.slice)?(?:/|$)", RegexOptions.Multiline)]
    private static partial Regex PodSegment();
}
