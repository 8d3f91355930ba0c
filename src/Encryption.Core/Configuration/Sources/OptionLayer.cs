using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>What one source (values file, config directory, environment, command line) sets, before merging.</summary>
public sealed record OptionLayer(OptionSourceKind Kind)
{
    public ImmutableArray<OptionAssignment> Assignments { get; init; } = [];

    public ImmutableArray<BackendSwitch> Switches { get; init; } = [];

    /// <summary>Problems found while reading the source (syntax, unknown keys, unreadable files).</summary>
    public ImmutableArray<OptionProblem> Errors { get; init; } = [];

    public ImmutableArray<OptionProblem> Warnings { get; init; } = [];

    public static OptionLayer Empty(OptionSourceKind kind) => new(kind);
}

/// <summary>Collects one source's values in the order they were written.</summary>
public sealed class OptionLayerBuilder(OptionSourceKind kind)
{
    private readonly ImmutableArray<OptionAssignment>.Builder _assignments = ImmutableArray.CreateBuilder<OptionAssignment>();
    private readonly ImmutableArray<BackendSwitch>.Builder _switches = ImmutableArray.CreateBuilder<BackendSwitch>();
    private readonly ImmutableArray<OptionProblem>.Builder _errors = ImmutableArray.CreateBuilder<OptionProblem>();
    private readonly ImmutableArray<OptionProblem>.Builder _warnings = ImmutableArray.CreateBuilder<OptionProblem>();

    public OptionSourceKind Kind => kind;

    public void Add(OptionAssignment assignment) => _assignments.Add(assignment);

    public void AddSwitch(BackendSwitch value) => _switches.Add(value);

    public void Error(OptionProblem problem) => _errors.Add(problem);

    public void Warning(OptionProblem problem) => _warnings.Add(problem);

    public OptionLayer Build() => new(kind)
    {
        Assignments = _assignments.ToImmutable(),
        Switches = _switches.ToImmutable(),
        Errors = _errors.ToImmutable(),
        Warnings = _warnings.ToImmutable(),
    };
}
