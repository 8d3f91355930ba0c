namespace Netlink;

/// <summary>
/// The outcome of a pipelined batch: one entry per request, in request order.
/// A failure affects only its own request; the others were still applied.
/// </summary>
public sealed class BatchResult
{
    private readonly NetlinkException?[] errors;

    public BatchResult(NetlinkException?[] errors) => this.errors = errors;

    public int Count => errors.Length;

    /// <summary>The error of request <paramref name="index"/>, or null if the kernel acknowledged it.</summary>
    public NetlinkException? ErrorAt(int index) => errors[index];

    public IEnumerable<(int Index, NetlinkException Error)> Failures =>
        errors.Select((e, i) => (i, e)).Where(p => p.e is not null).Select(p => (p.i, p.e!));

    public int FailureCount => errors.Count(e => e is not null);

    public bool AllSucceeded => errors.All(e => e is null);

    /// <summary>Throws an <see cref="AggregateException"/> naming every failed request, if any failed.</summary>
    public void ThrowIfAnyFailed()
    {
        var failures = Failures.Select(f => (Exception)f.Error).ToList();
        if (failures.Count > 0)
            throw new AggregateException($"{failures.Count} of {Count} netlink requests failed", failures);
    }
}
