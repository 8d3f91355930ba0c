using Encryption.Core.Backends;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>
/// WireGuard: the keepalive is a 16-bit count of seconds on the wire; the state and socket directories must be
/// absolute when WireGuard runs.
/// </summary>
public sealed class WireGuardRule : IOptionsRule
{
    private static readonly TimeSpan MaxKeepalive = TimeSpan.FromSeconds(ushort.MaxValue);

    public void Check(EncryptionOptions options, ValidationContext context)
    {
        var wireGuard = options.WireGuard;
        if (!context.HasFailed(WireGuardPersistentKeepalive))
        {
            if (wireGuard.PersistentKeepalive > MaxKeepalive)
                context.Error(WireGuardPersistentKeepalive, "must be at most 65535s (18h12m15s)");
            else if (wireGuard.PersistentKeepalive.Ticks % TimeSpan.TicksPerSecond != 0)
                context.Error(WireGuardPersistentKeepalive, "must be a whole number of seconds");
        }

        if (options.EffectiveType != EncryptionType.WireGuard)
            return;
        PathChecks.RequireAbsolute(context, WireGuardStateDir, wireGuard.StateDirectory, "where the private key is kept");
        if (!wireGuard.UserspaceFallback)
            return;
        PathChecks.RequireSocketPath(context, WireGuardUserspaceSocketDir, wireGuard.UserspaceSocketPath, "the userspace UAPI socket directory");
        if (wireGuard.UserspaceBinary.Length == 0)
            context.Error(WireGuardUserspaceBinary, "is required when the userspace fallback is enabled");
    }
}
