using Encryption.Core.Backends;
using Encryption.IPsec.Desired;
using Encryption.IPsec.Reconcile;
using Xfrm.Client;

namespace Encryption.IPsec.Backend;

/// <summary>
/// Removes the XFRM states and policies of this agent's shapes (<see cref="XfrmOwnership"/>: reqid 1, its marks and
/// priorities, strict-mode blocks): a full reconcile pass against an empty desired set. Same as: <c>ip xfrm state
/// deleteall reqid 1</c> and <c>ip xfrm policy delete</c> of each owned policy; foreign objects stay.
/// </summary>
public sealed class IPsecLeftovers(Func<XfrmClient>? openClient = null) : IBackendLeftovers
{
    public EncryptionType Type => EncryptionType.IPsec;

    public Task<IReadOnlyList<string>> RemoveAsync(CancellationToken cancellationToken)
    {
        using var client = (openClient ?? (() => XfrmClient.Open()))();
        var result = new XfrmReconciler(client).Reconcile(DesiredXfrm.Empty);
        if (!result.Succeeded)
            throw new XfrmReconcileException(result);
        var states = result.Changes.Changes.Count(c => c is XfrmChange.DeleteState);
        var policies = result.Changes.Count - states;
        IReadOnlyList<string> removed = result.Changes.IsEmpty ? [] : [$"{states} XFRM states", $"{policies} XFRM policies"];
        return Task.FromResult(removed);
    }
}
