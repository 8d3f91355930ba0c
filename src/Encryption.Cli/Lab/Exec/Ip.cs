namespace Encryption.Cli.Lab.Exec;

/// <summary>iproute2, by argument list. Every lab object is created with <c>ip -n NS</c> inside its own namespace.</summary>
internal static class Ip
{
    /// <summary>Same as: <c>ip ARGS</c>; throws with ip's message on failure.</summary>
    public static async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await ProcessRunner.RunAsync("ip", arguments, cancellationToken).ConfigureAwait(false)).EnsureSuccess().StandardOutput;

    /// <summary>Same as: <c>ip -n NS ARGS</c>.</summary>
    public static Task<string> InAsync(string networkNamespace, CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync(cancellationToken, ["-n", networkNamespace, .. arguments]);

    /// <summary>Same as: <c>ip netns exec NS PROGRAM ARGS</c>, without throwing.</summary>
    public static Task<ProcessResult> ExecAsync(string networkNamespace, CancellationToken cancellationToken, params string[] command) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", networkNamespace, .. command], cancellationToken);

    /// <summary>Same as: <c>ip netns list</c>, names only.</summary>
    public static async Task<IReadOnlyList<string>> NamespacesAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync(cancellationToken, "netns", "list").ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .ToList();
    }

    /// <summary>Same as: <c>ip netns pids NS</c>; empty when the namespace is gone.</summary>
    public static async Task<IReadOnlyList<int>> PidsAsync(string networkNamespace, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("ip", ["netns", "pids", networkNamespace], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            return [];
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => int.TryParse(line, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .ToList();
    }
}
