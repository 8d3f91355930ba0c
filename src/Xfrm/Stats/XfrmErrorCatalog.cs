using System.Collections.Frozen;

namespace Xfrm.Stats;

/// <summary>
/// Every <c>/proc/net/xfrm_stat</c> counter with its Cilium metric label, meaning, usual causes and remedy.
/// Every counter counts dropped packets. Sources: the kernel's xfrm documentation, Cilium's IPsec
/// troubleshooting table and its xfrm collector (labels).
/// </summary>
public static class XfrmErrorCatalog
{
    private const string InboundConfigBug = "The inbound XFRM configuration does not match what arrives: compare the IN states and policies on both nodes.";

    public static IReadOnlyList<XfrmCounterInfo> All { get; } =
    [
        In("XfrmInError", "other",
            "Inbound error not covered by another counter: the decrypted packet could not be delivered, or memory ran out.",
            "A packet decrypted for a pod that was just deleted; memory pressure.",
            "Transient after pod deletion: ignore. If it keeps growing, check memory and the routes for decrypted traffic."),
        In("XfrmInBufferError", "no_buffer",
            "No buffer for the inbound packet's security path (more than XFRM_MAX_DEPTH = 6 transforms, or allocation failed).",
            "Too many nested transforms; memory pressure.",
            "Check for stacked states/policies applying to the same traffic; check memory."),
        In("XfrmInHdrError", "header",
            "Inbound header error: the ESP/AH header or SPI could not be parsed.",
            "Truncated or corrupted packets; something other than ESP sent to protocol 50.",
            "Capture on the underlay and check the packets; check MTU and middleboxes."),
        In("XfrmInNoStates", "no_state",
            "No inbound state matches the packet's destination, SPI and mark.",
            "The peer uses a key/SPI this node has no IN state for: rotation not yet applied here, old key reclaimed too early, peer rebooted, or the IN state was deleted by mistake.",
            "Check that both nodes have the same key IDs (encrypt status) and that IN states exist for every peer; finish or restart the rotation."),
        In("XfrmInStateProtoError", "state_protocol",
            "The transform failed: ESP authentication or decryption error.",
            "Keys differ between the two nodes for the same SPI (key changed without bumping the SPI, stale states after a restart), or anti-replay state mismatch.",
            "Compare the states of both nodes (same SPI must mean same key); rotate the key with a new SPI to replace stale states."),
        In("XfrmInStateModeError", "state_mode",
            "The packet does not fit the state's mode (e.g. a tunnel packet for a transport-mode state).",
            "Mode mismatch between the two nodes.",
            "Make both ends use the same mode (tunnel)."),
        In("XfrmInStateSeqError", "state_sequence",
            "Anti-replay rejected the packet: sequence number outside the window or already seen.",
            "Reordering larger than the replay window; duplicated packets; a peer whose sequence restarted with the same key.",
            "Check the per-state replay counters; use ESN with a large window (1024); rotate keys after peer restarts."),
        In("XfrmInStateExpired", "state_expired",
            "The matching state has hard-expired.",
            "Lifetime limits on the state that nobody renews.",
            "Use unlimited lifetimes (XFRM_INF) or renew states before they expire."),
        In("XfrmInStateMismatch", "state_mismatched",
            "The state matched but its selector or encapsulation type does not fit the packet.",
            "Inner addresses outside the state's selector; UDP encapsulation on one side only.",
            "Check the state selector and encapsulation settings on both nodes."),
        In("XfrmInStateInvalid", "state_invalid",
            "The packet matched a state that is being deleted.",
            "States removed during scale-down, rotation or upgrades.",
            "Transient: ignore unless it keeps growing; then look for a loop deleting and re-adding states."),
        In("XfrmInTmplMismatch", "template_mismatched",
            "The decrypted packet was not transformed as the inbound policy's templates require.",
            InboundConfigBug,
            "Check IN/FWD policy templates (reqid, mode, optional) against the states."),
        In("XfrmInNoPols", "no_policy",
            "No inbound policy admits the packet, while the default inbound action is block.",
            InboundConfigBug,
            "Make sure the IN and FWD policies exist for the decrypted traffic."),
        In("XfrmInPolBlock", "policy_blocked",
            "An inbound policy with action block dropped the packet.",
            "An explicit inbound block policy (not installed by Cilium-style configurations).",
            "Find the block policy with 'ip xfrm policy' and check whether it is intended."),
        In("XfrmInPolError", "policy",
            "Error in inbound policy processing.",
            "Dead or malformed inbound policy.",
            "List the inbound policies and re-create broken ones."),
        In("XfrmFwdHdrError", "forward_header",
            "A decrypted packet to be forwarded failed the forward-path checks.",
            "Like XfrmInError: a packet decrypted for a pod that was just deleted; memory pressure.",
            "Transient after pod deletion: ignore. Otherwise check FWD policies and routes."),
        In("XfrmAcquireError", "acquire",
            "The kernel could not create an acquire (larval) state for an outbound policy without a state.",
            "A required template with no state and no key manager to answer the acquire.",
            "Install the missing OUT state, or make the template optional."),
        In("XfrmInStateDirError", null,
            "The packet matched a state whose SA direction is 'out' (Linux 6.10+).",
            "A state added with the wrong XFRMA_SA_DIR.",
            "Re-create the state with direction 'in' (or without a direction)."),
        In("XfrmInIptfsError", null,
            "IP-TFS inbound processing failed (newer kernels).",
            "IP-TFS mode states with inconsistent settings.",
            "Not used by this product; check IP-TFS states installed by others."),
        Out("XfrmOutError", "other",
            "Outbound error not covered by another counter, usually an allocation failure.",
            "Memory pressure; malformed packets.",
            "Check memory; capture the traffic if it persists."),
        Out("XfrmOutBundleGenError", "bundle_generation",
            "The kernel could not build the transform bundle (dst entries) for an outbound packet.",
            "Route to the tunnel endpoint missing; state in the wrong family.",
            "Check the route to the remote tunnel IP and the OUT state's addresses."),
        Out("XfrmOutBundleCheckError", "bundle_check",
            "A cached bundle failed validation.",
            "Unused by current kernels.",
            "None needed."),
        Out("XfrmOutNoStates", "no_state",
            "An outbound policy requires a transform but no state matches its template.",
            "OUT policy installed before (or without) its state; SPI/reqid/mark of the template and state differ.",
            "Check that every OUT policy's template (src, dst, spi, reqid, mark) has a matching OUT state."),
        Out("XfrmOutStateProtoError", "state_protocol",
            "The ESP/AH transform failed on output.",
            "Encryption failure (crypto driver, invalid key).",
            "Check dmesg and the algorithms of the OUT states."),
        Out("XfrmOutStateModeError", "state_mode",
            "Mode-specific output processing failed, typically the packet exceeds the MTU with DF set.",
            "MTU too large for the encapsulation overhead.",
            "Lower the MTU of the pod/host interfaces by the IPsec overhead."),
        Out("XfrmOutStateSeqError", "state_sequence",
            "The outbound sequence number is exhausted.",
            "A non-ESN state sent 2^32 packets.",
            "Use ESN; otherwise rotate keys (new SPI) before 2^32 packets."),
        Out("XfrmOutStateExpired", "state_expired",
            "The outbound state has hard-expired.",
            "Lifetime limits on the state that nobody renews.",
            "Use unlimited lifetimes (XFRM_INF) or renew states before they expire."),
        Out("XfrmOutPolBlock", "policy_blocked",
            "An outbound policy with action block dropped the packet.",
            "The default-drop (strict) policy caught a packet that would have left in clear text, e.g. during a rotation or before the peer's policy exists.",
            "Expected briefly during rotation; if it persists, check that OUT policies exist for every peer."),
        Out("XfrmOutPolDead", "policy_dead",
            "The matching outbound policy is being deleted.",
            "Policy removal racing with traffic.",
            "Transient: ignore unless it keeps growing."),
        Out("XfrmOutPolError", "policy",
            "Outbound policy processing failed.",
            "Too many templates, or a required template with no usable state.",
            "Check the OUT policies' templates and their states."),
        Out("XfrmOutStateInvalid", "state_invalid",
            "The packet matched an outbound state that is being deleted.",
            "States removed during rotation or node removal.",
            "Transient: ignore unless it keeps growing."),
        Out("XfrmOutStateDirError", null,
            "The packet matched a state whose SA direction is 'in' (Linux 6.10+).",
            "A state added with the wrong XFRMA_SA_DIR.",
            "Re-create the state with direction 'out' (or without a direction)."),
        Out("XfrmOutNoQueueSpace", null,
            "No room in the IP-TFS output queue (newer kernels).",
            "IP-TFS mode states under load.",
            "Not used by this product; check IP-TFS states installed by others."),
    ];

    private static readonly FrozenDictionary<string, XfrmCounterInfo> ByName = All.ToFrozenDictionary(c => c.KernelName, StringComparer.Ordinal);

    /// <summary>The entry for a kernel counter name, or null for a counter this catalog does not know.</summary>
    public static XfrmCounterInfo? Find(string kernelName) => ByName.GetValueOrDefault(kernelName);

    /// <summary>
    /// The <c>cilium_ipsec_xfrm_error</c> labels of a counter, as Cilium's XFRM collector maps them. Counters Cilium
    /// has no label for (e.g. <c>XfrmInStateDirError</c> on Linux 6.10+, or one this catalog does not know) keep their
    /// kernel name as the <c>error</c> label, so they are exported rather than hidden.
    /// </summary>
    public static (string Type, string Error) MetricLabels(string kernelName)
    {
        ArgumentNullException.ThrowIfNull(kernelName);
        if (Find(kernelName) is { CiliumErrorLabel: { } error } info)
            return (info.CiliumTypeLabel, error);
        return (kernelName.StartsWith("XfrmOut", StringComparison.Ordinal) ? "outbound" : "inbound", kernelName);
    }

    /// <summary>Explains every counter that is not zero (unknown counters get a generic entry).</summary>
    public static IEnumerable<(XfrmCounterInfo Info, ulong Value)> Explain(XfrmStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        foreach (var (name, value) in statistics.NonZero)
        {
            yield return (Find(name) ?? new XfrmCounterInfo(name,
                name.StartsWith("XfrmOut", StringComparison.Ordinal) ? XfrmCounterDirection.Outbound : XfrmCounterDirection.Inbound,
                null, "A counter this version does not know; every XFRM counter counts dropped packets.",
                "See the kernel's xfrm_proc documentation.", "Look up the counter for the running kernel version."), value);
        }
    }

    private static XfrmCounterInfo In(string name, string? label, string meaning, string causes, string remedy) =>
        new(name, XfrmCounterDirection.Inbound, label, meaning, causes, remedy);

    private static XfrmCounterInfo Out(string name, string? label, string meaning, string causes, string remedy) =>
        new(name, XfrmCounterDirection.Outbound, label, meaning, causes, remedy);
}
