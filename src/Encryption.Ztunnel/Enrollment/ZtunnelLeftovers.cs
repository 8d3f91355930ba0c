using Encryption.Core.Backends;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// Removes the in-pod redirection rules (nft table <c>inet ztunnel_inpod</c>, ip rule 32764) from every pod running on
/// this node once the agent runs another backend: without a ztunnel behind them they would refuse the pods' TCP.
/// Pods are found under the host's proc file system (<see cref="ProcfsPodNamespaces"/>).
/// </summary>
public sealed class ZtunnelLeftovers(string procfs, NftablesInPodRedirection? redirection = null) : IBackendLeftovers
{
    public EncryptionType Type => EncryptionType.Ztunnel;

    public async Task<IReadOnlyList<string>> RemoveAsync(CancellationToken cancellationToken)
    {
        var rules = redirection ?? new NftablesInPodRedirection();
        var cleaned = 0;
        foreach (var path in new ProcfsPodNamespaces(procfs).FindAll().Values)
        {
            if (!await NftablesInPodRedirection.IsInstalledAsync(path, cancellationToken).ConfigureAwait(false))
                continue;
            await rules.RemoveAsync(path, cancellationToken).ConfigureAwait(false);
            cleaned++;
        }

        return cleaned == 0 ? [] : [$"in-pod redirection rules in {cleaned} pod network namespaces"];
    }
}
