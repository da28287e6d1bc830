using System.Text;

namespace CopilotIngest.M365.Reports;

/// <summary>
/// Reads RFC 4180 records one at a time from a text stream: quoted fields with commas, doubled quotes and line
/// breaks; LF or CRLF line ends. A record longer than <c>maxRecordChars</c> or a quote left open at the end of the
/// stream stops the read with a <see cref="ReportFormatException"/>, so a broken download never fills memory.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, int maxRecordChars)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>The line on which the last record returned started (1-based).</summary>
    public long RecordLine { get; private set; }

    /// <summary>Returns the next record, or null at the end of the stream.</summary>
    public async ValueTask<IReadOnlyList<string>?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        _field.Clear();
        var inQuotes = false;
        var quotedStartLine = 0L;
        var anyChar = false;
        var recordChars = 0;
        RecordLine = _line;

        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                if (inQuotes)
                {
                    throw new ReportFormatException($"The report ends inside a quoted field that starts on line {quotedStartLine}: the download was truncated.");
                }

                if (!anyChar)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return fields;
            }

            var c = _buffer[_position++];
            anyChar = true;
            if (++recordChars > maxRecordChars)
            {
                throw new ReportFormatException($"The record on line {RecordLine} is longer than {maxRecordChars} characters: the report is not the CSV expected.");
            }

            if (inQuotes)
            {
                if (c != '"')
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    _field.Append(c);
                }
                else if (await PeekAsync(cancellationToken) == '"')
                {
                    _position++;
                    _field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    if (await PeekAsync(cancellationToken) == '\n')
                    {
                        _position++;
                    }

                    _line++;
                    fields.Add(_field.ToString());
                    return fields;
                case '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return fields;
                case '"' when _field.Length == 0:
                    inQuotes = true;
                    quotedStartLine = _line;
                    break;
                default:
                    _field.Append(c);
                    break;
            }
        }
    }

    private async ValueTask<int> PeekAsync(CancellationToken cancellationToken)
    {
        if (_position == _length && !await FillAsync(cancellationToken))
        {
            return -1;
        }

        return _buffer[_position];
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _position = 0;
        return _length > 0;
    }
}
