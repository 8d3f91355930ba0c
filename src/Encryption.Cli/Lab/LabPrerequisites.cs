namespace Encryption.Cli.Lab;

/// <summary>
/// What a backend needs on this host beyond the agent, checked before <c>lab up</c> creates anything. A backend can
/// be built into the agent and still unable to encrypt here. Backend ztunnel needs nothing: without a ztunnel proxy on
/// PATH the lab runs its control plane only and says so.
/// </summary>
internal static class LabPrerequisites
{
    /// <summary>Null when the lab can run <paramref name="backend"/>, else why not.</summary>
    public static string? Missing(string backend, Func<bool>? kernelHasEsp = null)
    {
        kernelHasEsp ??= KernelHasEsp;
        return backend switch
        {
            "ipsec" when !kernelHasEsp() =>
                "backend ipsec needs the kernel's ESP support (esp4/esp6 with GCM), which this host kernel lacks: " +
                "run the lab in a user-mode-linux guest instead: sudo scripts/lab-uml.sh --backend ipsec",
            _ => null,
        };
    }

    /// <summary>ESP is built in or loadable (the module directory exists once loaded; UML guests load it at boot).</summary>
    public static bool KernelHasEsp() =>
        Directory.Exists("/sys/module/esp4") || File.Exists("/proc/net/xfrm_stat") && ModuleAvailable("esp4");

    private static bool ModuleAvailable(string module)
    {
        var release = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "";
        var directory = Path.Combine("/lib/modules", release, "kernel/net/ipv4");
        return release.Length > 0 && Directory.Exists(directory) && Directory.EnumerateFiles(directory, module + ".ko*").Any();
    }

    /// <summary>The first executable named <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
