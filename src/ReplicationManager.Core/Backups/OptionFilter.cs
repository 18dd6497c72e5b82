namespace ReplicationManager.Core.Backups;

/// <summary>Removes configured options that repman must not pass on, each with its separate value when it has one.</summary>
internal static class OptionFilter
{
    /// <param name="tokens">The configured options, split.</param>
    /// <param name="reasonToDrop">Why an option (by <see cref="ToolOptions.NameOf"/>) is not passed, or null to keep it.</param>
    /// <param name="takesValue">Whether a dropped option written without <c>=</c> owns the next token as its value.</param>
    public static (IReadOnlyList<string> Kept, IReadOnlyList<DroppedOption> Dropped) Apply(
        IReadOnlyList<string> tokens, Func<string, string?> reasonToDrop, Func<string, bool> takesValue)
    {
        var kept = new List<string>();
        var dropped = new List<DroppedOption>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = ToolOptions.NameOf(token);
            if (name is null || reasonToDrop(name) is not { } reason)
            {
                kept.Add(token);
                continue;
            }
            dropped.Add(new DroppedOption(name.Length == 1 ? "-" + name : "--" + name, reason));
            var ownsNext = !ToolOptions.HasAttachedValue(token) && takesValue(name)
                && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-');
            if (ownsNext)
                i++;
        }
        return (kept, dropped);
    }
}
