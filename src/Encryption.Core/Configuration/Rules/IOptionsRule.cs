using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>One group of validation rules. Rules add every problem they find to the context; they never throw.</summary>
public interface IOptionsRule
{
    void Check(EncryptionOptions options, ValidationContext context);
}

/// <summary>All rules, in the order their problems are reported.</summary>
public static class OptionsRules
{
    public static readonly ImmutableArray<IOptionsRule> All =
    [
        new BackendCombinationRule(),
        new StrictModeRule(),
        new IPsecRule(),
        new WireGuardRule(),
        new ZtunnelRule(),
        new ClusterRule(),
        new AgentRule(),
        new NoEffectRule(),
    ];
}
