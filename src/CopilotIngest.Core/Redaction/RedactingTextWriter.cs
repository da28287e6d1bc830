using System.Text;

namespace CopilotIngest.Core.Redaction;

/// <summary>
/// Writes through to another writer, line by line, with every secret masked by a <see cref="SecretRedactor"/>. Text is
/// held until a line ends (or <see cref="Flush"/>), so a secret written in pieces is still found.
/// </summary>
public sealed class RedactingTextWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                WritePending(all: false);
            }
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_lock)
        {
            _pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                WritePending(all: false);
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? string.Empty) + new string(CoreNewLine));

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.ToString());
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        WriteLine(buffer.ToString());
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        lock (_lock)
        {
            WritePending(all: true);
            inner.Flush();
        }
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void WritePending(bool all)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        // Everything up to the last line end goes out now; a started line waits for its end.
        var text = _pending.ToString();
        var lastNewLine = all ? text.Length - 1 : text.LastIndexOf('\n');
        var complete = text[..(lastNewLine + 1)];
        _pending.Clear();
        _pending.Append(text, lastNewLine + 1, text.Length - lastNewLine - 1);

        inner.Write(redactor.Redact(complete));
    }
}
