using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>
/// The outcome of loading options: the snapshot (null when there is any error), every error, every warning (deprecated
/// aliases, no-op options), and the merged written values for diagnostics.
/// </summary>
public sealed record OptionsLoadResult(
    EncryptionOptions? Options,
    ImmutableArray<OptionProblem> Errors,
    ImmutableArray<OptionProblem> Warnings,
    MergedOptions Merged)
{
    public bool IsValid => Options is not null;

    /// <summary>The options, or an exception listing every error.</summary>
    public EncryptionOptions GetOptionsOrThrow() => Options ?? throw new OptionsValidationException(Errors);
}

/// <summary>Thrown by <see cref="OptionsLoadResult.GetOptionsOrThrow"/>; the message lists every error, one per line.</summary>
public sealed class OptionsValidationException(ImmutableArray<OptionProblem> errors)
    : Exception("invalid options:" + string.Concat(errors.Select(e => "\n  " + e)))
{
    public ImmutableArray<OptionProblem> Errors { get; } = errors;
}
