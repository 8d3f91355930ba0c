using Encryption.Core.Configuration;

namespace Encryption.Agent.LocalNode;

/// <summary>The node's boot ID: the explicit one from the options (lab nodes each get their own), else the kernel's.</summary>
internal static class BootIdReader
{
    /// <summary>Same as: <c>cat /proc/sys/kernel/random/boot_id</c>.</summary>
    public static string Read(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BootId.Length > 0)
            return options.BootId.Trim().ToLowerInvariant();
        return File.ReadAllText(options.BootIdFile).Trim().ToLowerInvariant();
    }
}
