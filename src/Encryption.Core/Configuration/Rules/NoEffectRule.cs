namespace Encryption.Core.Configuration;

/// <summary>Options accepted for compatibility that do nothing here warn when set to something other than their default.</summary>
public sealed class NoEffectRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        foreach (var definition in OptionCatalog.All)
        {
            if (definition.NoEffect is { } reason && context.IsSet(definition.Key) && !context.HasFailed(definition.Key)
                && !OptionValueParsers.SameValue(definition.Kind, context.Merged.Raw(definition.Key), definition.Default))
            {
                context.Warning(definition.Key, reason);
            }
        }
    }
}
