namespace Encryption.Core.Reconciliation;

/// <summary>Where an object is in its reconciliation.</summary>
public enum ReconcileState
{
    /// <summary>Changed; waiting to be applied.</summary>
    Pending,

    /// <summary>Applied before; a full resync (or detected drift) asks to apply it again.</summary>
    Refreshing,

    /// <summary>Applied.</summary>
    Done,

    /// <summary>The last attempt failed; retried with backoff.</summary>
    Error,
}

/// <summary>The operation an object waits for or last ran.</summary>
public enum ReconcileOperation
{
    Update,
    Delete,
}

/// <summary>
/// The status of one object: state, operation, the last error, failed attempts in a row, when it last changed and
/// when it is retried. "Why isn't it installed?" is a lookup here.
/// </summary>
public sealed record ObjectStatus(
    ReconcileState State,
    ReconcileOperation Operation,
    string? Error,
    int Attempts,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RetryAt);

/// <summary>One row of a reconciler's status table.</summary>
public sealed record ReconcileEntry<TKey>(TKey Key, ObjectStatus Status);
