using Microsoft.Extensions.Logging;

namespace ReplicationManager.Core.Tests.Fakes;

/// <summary>One line a <see cref="ListLogger"/> captured.</summary>
internal sealed record LogRecord(LogLevel Level, EventId EventId, string Message);
