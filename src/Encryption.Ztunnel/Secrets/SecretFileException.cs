namespace Encryption.Ztunnel.Secrets;

/// <summary>
/// A secret file that cannot be used, naming the file and what is wrong with it. Never carries key
/// material (no file contents, no inner exceptions from key parsers).
/// </summary>
public sealed class SecretFileException : Exception
{
    public SecretFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}

/// <summary>Every problem found while loading the ztunnel secrets, all at once.</summary>
public sealed class ZtunnelSecretsException : Exception
{
    public ZtunnelSecretsException(IReadOnlyList<SecretFileException> problems)
        : base("ztunnel secrets unusable:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p.Message))) => Problems = problems;

    public IReadOnlyList<SecretFileException> Problems { get; }
}
