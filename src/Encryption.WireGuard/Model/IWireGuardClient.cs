namespace Encryption.WireGuard.Model;

/// <summary>
/// One transport to WireGuard devices: kernel generic netlink or the userspace UAPI socket. Both speak the same
/// model (<see cref="WireGuardDevice"/> out, <see cref="DeviceConfig"/> in).
/// </summary>
public interface IWireGuardClient : IDisposable
{
    WireGuardTransportKind Kind { get; }

    /// <summary>Reads the device. Throws <see cref="WireGuardDeviceNotFoundException"/> when this transport has no such device.</summary>
    WireGuardDevice GetDevice(string name);

    /// <summary>
    /// Applies <paramref name="config"/>. Not atomic on either transport: on failure, an unknown prefix of the change
    /// may have been applied, so callers read the device again before the next attempt.
    /// </summary>
    void ConfigureDevice(string name, DeviceConfig config);
}
