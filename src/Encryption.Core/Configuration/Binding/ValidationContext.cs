using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>
/// Collects every error and warning while binding and validating. Each problem names the key as the operator
/// spelled it, the value as written and where it was written.
/// </summary>
public sealed class ValidationContext(MergedOptions merged)
{
    private readonly ImmutableArray<OptionProblem>.Builder _errors = ImmutableArray.CreateBuilder<OptionProblem>();
    private readonly ImmutableArray<OptionProblem>.Builder _warnings = ImmutableArray.CreateBuilder<OptionProblem>();
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    public MergedOptions Merged => merged;

    public ImmutableArray<OptionProblem> Errors => _errors.ToImmutable();

    public ImmutableArray<OptionProblem> Warnings => _warnings.ToImmutable();

    public bool IsSet(string key) => merged.IsSet(key);

    /// <summary>Whether the key's value failed to parse; rules that depend on it stay quiet.</summary>
    public bool HasFailed(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (_failed.Contains(key))
                return true;
        }

        return false;
    }

    public void Fail(string key, string message)
    {
        _failed.Add(key);
        Error(key, message);
    }

    public void Error(string key, string message) => _errors.Add(Problem(key, message));

    public void Warning(string key, string message) => _warnings.Add(Problem(key, message));

    /// <summary><c>key='value' (source)</c>, for naming a second key in a message.</summary>
    public string Describe(string key)
    {
        var a = merged.Get(key);
        return $"{a.SpelledAs}='{a.Written}' ({a.Origin})";
    }

    private OptionProblem Problem(string key, string message)
    {
        var a = merged.Get(key);
        return new OptionProblem(a.SpelledAs, a.Written, a.Origin.ToString(), message) { CanonicalKey = key };
    }
}
