namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// <see cref="InPodRules"/> applied with nft and ip, run in the pod's network namespace through
/// <c>nsenter --net=PATH</c> (so the agent itself never changes namespace).
/// </summary>
public sealed class NftablesInPodRedirection : IInPodRedirection
{
    /// <summary>Same as: <c>nsenter --net=PATH nft -f -</c> and <c>nsenter --net=PATH ip -force -batch -</c>.</summary>
    public async Task InstallAsync(string networkNamespacePath, CancellationToken cancellationToken)
    {
        await RunAsync(networkNamespacePath, ["nft", "-f", "-"], InPodRules.NftInstall(), checkExit: true, cancellationToken).ConfigureAwait(false);
        // The rule deletions inside may fail (nothing to delete); -force carries on, the adds must succeed.
        foreach (var family in new[] { "-4", "-6" })
        {
            var result = await RunAsync(networkNamespacePath, ["ip", family, "-force", "-batch", "-"], InPodRules.IpInstall(family == "-6"), checkExit: false, cancellationToken).ConfigureAwait(false);
            var verify = await RunAsync(networkNamespacePath, ["ip", family, "rule", "show", "priority", InPodRules.RulePriority.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, checkExit: false, cancellationToken).ConfigureAwait(false);
            // IPv6 may be disabled in the pod (no rule table): only IPv4 is required.
            if (family == "-4" && !verify.StandardOutput.Contains($"lookup {InPodRules.RouteTable}", StringComparison.Ordinal))
                throw new CommandFailedException($"nsenter --net={networkNamespacePath} ip -4 -force -batch -", result);
        }
    }

    /// <summary>Same as: <c>nsenter --net=PATH nft list table inet ztunnel_inpod</c> succeeding.</summary>
    public static async Task<bool> IsInstalledAsync(string networkNamespacePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(networkNamespacePath))
            return false;
        var result = await RunAsync(networkNamespacePath, ["nft", "list", "table", "inet", InPodRules.Table], null, checkExit: false, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    public async Task RemoveAsync(string networkNamespacePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(networkNamespacePath))
            return;
        await RunAsync(networkNamespacePath, ["nft", "-f", "-"], InPodRules.NftRemove(), checkExit: true, cancellationToken).ConfigureAwait(false);
        await RunAsync(networkNamespacePath, ["ip", "-4", "-force", "-batch", "-"], InPodRules.IpRemove(ipv6: false), checkExit: false, cancellationToken).ConfigureAwait(false);
        await RunAsync(networkNamespacePath, ["ip", "-6", "-force", "-batch", "-"], InPodRules.IpRemove(ipv6: true), checkExit: false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommandResult> RunAsync(string netns, string[] command, string? input, bool checkExit, CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync("nsenter", [$"--net={netns}", .. command], input, cancellationToken).ConfigureAwait(false);
        if (checkExit && result.ExitCode != 0)
            throw new CommandFailedException($"nsenter --net={netns} {string.Join(' ', command)}", result);
        return result;
    }
}
