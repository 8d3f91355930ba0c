using System.Collections;

namespace Xfrm.Model;

/// <summary>An immutable list that compares by its elements, so records holding it keep value equality.</summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    /// <summary>Shared lists of defaults, up to the largest ESN bitmap (128 words).</summary>
    private static readonly ValueList<T>?[] ZeroCache = new ValueList<T>?[129];

    public ValueList(IEnumerable<T> items) => this.items = items?.ToArray() ?? throw new ArgumentNullException(nameof(items));

    /// <summary>Takes <paramref name="owned"/> without copying; the caller must not keep or change it.</summary>
    private ValueList(T[] owned, bool _) => items = owned;

    /// <summary>Wraps a freshly built array without copying it (decoders build one array per list).</summary>
    internal static ValueList<T> Own(T[] owned) => new(owned, false);

#pragma warning disable CA1000 // the empty list of each element type is the natural place for it
    public static ValueList<T> Empty { get; } = new([]);
#pragma warning restore CA1000

    /// <summary>
    /// <paramref name="count"/> default values, shared: an ESN bitmap with no packet seen (every outbound state's)
    /// is all zeros, and a dump of thousands of states then carries one list instead of thousands.
    /// The cache holds immutable lists only, so sharing it between threads and tests is safe; a race at worst
    /// builds the same list twice.
    /// </summary>
    internal static ValueList<T> Zeros(int count)
    {
        if ((uint)count >= (uint)ZeroCache.Length)
            return Own(new T[count]);
        return ZeroCache[count] ??= Own(new T[count]);
    }

    public int Count => items.Length;

    public T this[int index] => items[index];

    public bool Equals(ValueList<T>? other) =>
        other is not null && items.AsSpan().SequenceEqual(other.items.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", items) + "]";

    public static implicit operator ValueList<T>(T[] items) => new(items);
}
