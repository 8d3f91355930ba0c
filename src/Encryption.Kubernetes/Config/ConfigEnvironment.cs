namespace Encryption.Kubernetes.Config;

/// <summary>The process environment as configuration loading sees it; tests pass their own.</summary>
public sealed record ConfigEnvironment(Func<string, string?> GetVariable, string? HomeDirectory)
{
    /// <summary>The real environment of this process.</summary>
    public static ConfigEnvironment Process() => new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? home : null);

    public static ConfigEnvironment From(IReadOnlyDictionary<string, string> variables, string? homeDirectory = null) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null, homeDirectory);
}
