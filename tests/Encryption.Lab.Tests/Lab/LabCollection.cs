namespace Encryption.Lab.Tests.Lab;

/// <summary>Lab tests run one after another: each starts several agents, and the machine is shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection
{
    public const string Name = "lab";
}
