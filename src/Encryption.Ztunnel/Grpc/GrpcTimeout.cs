using System.Globalization;

namespace Encryption.Ztunnel.Grpc;

/// <summary>The <c>grpc-timeout</c> header: at most 8 digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = Timeout.InfiniteTimeSpan;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
            return false;
        var digits = value[..^1];
        if (!digits.All(char.IsAsciiDigit) || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return false;
        TimeSpan? parsed = value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
        if (parsed is null)
            return false;
        timeout = parsed.Value;
        return true;
    }
}
