using Encryption.WireGuard.Model;
using Netlink;
using Netlink.Generic;

namespace Encryption.WireGuard.Genetlink;

/// <summary>
/// The kernel transport: generic netlink family <c>wireguard</c>. GET is a dump merged by <see cref="DeviceDump"/>;
/// SET is split by <see cref="SetMessagePlan"/> and, when it takes several messages, pipelined with one ack per message.
/// ENODEV and EOPNOTSUPP become <see cref="WireGuardDeviceNotFoundException"/> (wgctrl-go's "not found").
/// </summary>
public sealed class GenetlinkClient : IWireGuardClient
{
    private readonly NetlinkClient netlink;
    private readonly int maxMessageBytes;

    public GenetlinkClient(NetlinkClient netlink, ushort familyId, int maxMessageBytes = SetMessagePlan.DefaultMaxMessageBytes)
    {
        this.netlink = netlink ?? throw new ArgumentNullException(nameof(netlink));
        FamilyId = familyId;
        this.maxMessageBytes = maxMessageBytes;
    }

    public WireGuardTransportKind Kind => WireGuardTransportKind.Kernel;

    public ushort FamilyId { get; }

    /// <summary>How many SET messages the last <see cref="ConfigureDevice"/> sent, and their total size.</summary>
    public (int Messages, long Bytes) LastRequest { get; private set; }

    /// <summary>
    /// Opens a generic-netlink socket (in <paramref name="networkNamespace"/> if given) and resolves the family.
    /// A kernel without WireGuard fails with <see cref="WireGuardKernelUnavailableException"/>.
    /// </summary>
    public static GenetlinkClient Open(NetworkNamespace? networkNamespace = null, int maxMessageBytes = SetMessagePlan.DefaultMaxMessageBytes)
    {
        var netlink = NetlinkClient.Open(NetlinkProtocol.Generic, networkNamespace);
        try
        {
            return new GenetlinkClient(netlink, ResolveFamily(netlink), maxMessageBytes);
        }
        catch
        {
            netlink.Dispose();
            throw;
        }
    }

    /// <summary>Same as: <c>genl ctrl get name wireguard</c>.</summary>
    public static ushort ResolveFamily(NetlinkClient netlink)
    {
        try
        {
            return GenericNetlinkController.ResolveFamily(netlink, WireGuardGenl.FamilyName).Id;
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENOENT)
        {
            throw new WireGuardKernelUnavailableException(
                "the kernel has no \"wireguard\" generic netlink family (module not loaded, or CONFIG_WIREGUARD not set); " +
                "use a userspace implementation (wireguard-go) through its UAPI socket instead", e);
        }
    }

    /// <summary>Same as: <c>wg show NAME</c>.</summary>
    public WireGuardDevice GetDevice(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var dump = new DeviceDump(name);
        var operation = $"get WireGuard device {name} (genetlink)";
        try
        {
            netlink.DumpEach(operation, (ref NetlinkWriter w) => DeviceDump.WriteRequest(ref w, FamilyId, name), dump, static (m, d) => d.Add(m));
        }
        catch (NetlinkException e) when (e.Errno is Errno.ENODEV or Errno.EOPNOTSUPP)
        {
            throw new WireGuardDeviceNotFoundException($"{operation}: no kernel WireGuard device named {name} ({e.ErrnoName})", e.Errno, e);
        }

        return dump.Build();
    }

    /// <summary>Same as: <c>wg set NAME ...</c>.</summary>
    public void ConfigureDevice(string name, DeviceConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(config);
        var plan = SetMessagePlan.Create(name, config, maxMessageBytes);
        var operation = $"configure WireGuard device {name} (genetlink)";
        long bytes = 0;
        try
        {
            if (plan.Messages.Count == 1)
            {
                netlink.Execute(operation, (ref NetlinkWriter w) =>
                {
                    SetMessageWriter.Write(ref w, FamilyId, name, config, plan, 0);
                    bytes += w.Position;
                });
            }
            else
            {
                var result = netlink.ExecuteBatch(plan.Messages.Count, (ref NetlinkWriter w, int i) =>
                {
                    var start = w.Position;
                    SetMessageWriter.Write(ref w, FamilyId, name, config, plan, i);
                    bytes += w.Position - start;
                }, i => $"{operation}, message {i + 1} of {plan.Messages.Count}");
                if (result.Failures.FirstOrDefault() is { Error: { } first })
                    throw new WireGuardException($"{result.FailureCount} of {result.Count} messages failed; first: {first.Message}", first.Errno, first);
            }
        }
        catch (NetlinkException e) when (e.Errno is Errno.ENODEV or Errno.EOPNOTSUPP)
        {
            throw new WireGuardDeviceNotFoundException($"{operation}: no kernel WireGuard device named {name} ({e.ErrnoName})", e.Errno, e);
        }
        catch (NetlinkException e)
        {
            throw new WireGuardException(e.Message, e.Errno, e);
        }
        finally
        {
            LastRequest = (plan.Messages.Count, bytes);
        }
    }

    public void Dispose() => netlink.Dispose();
}

/// <summary>The kernel has no WireGuard generic-netlink family (no module, or CONFIG_WIREGUARD not set).</summary>
public sealed class WireGuardKernelUnavailableException : WireGuardException
{
    public WireGuardKernelUnavailableException(string message, Exception inner) : base(message, Netlink.Errno.ENOENT, inner) { }

    public WireGuardKernelUnavailableException() : this("the kernel has no WireGuard generic netlink family", new InvalidOperationException()) { }

    public WireGuardKernelUnavailableException(string message) : this(message, new InvalidOperationException()) { }
}
