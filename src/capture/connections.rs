//! LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data): the user's
//! whole network in one file, read as it comes from LinkedIn (the "Notes:" preamble, the older
//! export without the URL column) and as a spreadsheet leaves it after a re-save (no preamble,
//! other date forms, another delimiter, not UTF-8). Every row that holds a person is kept; each
//! row that does not is reported with the reason (in English; `refusal` phrases it).

use crate::model::{Person, FIRST_DEGREE};
use crate::phrase::{Key, Phrase};
use crate::text::{date_ordered, name, numeric_parts};
use csv::ReaderBuilder;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a file held: its people in file order, and the rows left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Connections {
    pub people: Vec<Person>,
    /// The line in the file of each person, in the same order.
    pub lines: Vec<u64>,
    pub skipped: Vec<Skipped>,
}

/// A row left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Where the row is: its line in the file, or its position (from 1) in a list imported.
    pub row: u64,
    /// The kind of reason, which the import report groups rows by.
    pub why: SkipReason,
    pub reason: Phrase,
}

/// Why rows are left out, as the import report groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// No name: LinkedIn exports members who hide their details with blank names.
    NoName,
    /// The same person as an earlier row.
    SamePerson,
    /// The line is not readable as CSV.
    Unreadable,
}

/// The columns an export names (older exports lack `URL`; re-saves may reorder them).
#[derive(Debug, Default)]
struct Columns {
    first: Option<usize>,
    last: Option<usize>,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected_on: Option<usize>,
}

impl Columns {
    /// The columns of a header row; `None` unless it names both parts of a name.
    fn of(header: &csv::StringRecord) -> Option<Columns> {
        let mut columns = Columns::default();
        for (index, cell) in header.iter().enumerate() {
            let slot = match label(cell).as_str() {
                "first name" => &mut columns.first,
                "last name" => &mut columns.last,
                "url" | "profile url" => &mut columns.url,
                "email address" | "email" => &mut columns.email,
                "company" => &mut columns.company,
                "position" => &mut columns.position,
                "connected on" => &mut columns.connected_on,
                _ => continue,
            };
            slot.get_or_insert(index);
        }
        (columns.first.is_some() && columns.last.is_some()).then_some(columns)
    }
}

/// A header cell as compared: without quotes, a byte-order mark or case.
fn label(cell: &str) -> String {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\u{feff}')
        .to_lowercase()
}

/// Reads an export, as text (`text_of`). Fails only when no header row (`First Name`,
/// `Last Name`, ...) is found. One pass, one record reused: an all-numeric date (`3/4/2024`)
/// is read once the whole file has said whether such dates put the day first.
pub fn read_connections(text: &str) -> Result<Connections, Phrase> {
    let delimiter = delimiter(text).ok_or_else(|| Key("connectionsNotAnExport").phrase())?;
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut columns = None;
    let mut connections = Connections::default();
    let mut numeric_dates = Vec::new();
    let mut day_first = false;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                if columns.is_some() {
                    let row = error.position().map_or(0, |at| at.line());
                    connections.skipped.push(Skipped {
                        row,
                        why: SkipReason::Unreadable,
                        reason: Key("skippedUnreadable").with([error.to_string().into()]),
                    });
                }
                continue;
            }
        }
        let row = record.position().map_or(0, |at| at.line());
        let Some(columns) = &columns else {
            columns = Columns::of(&record);
            continue;
        };
        match person(&record, columns) {
            None => {}
            Some(Ok(person)) => {
                let connected_on = columns
                    .connected_on
                    .and_then(|at| record.get(at))
                    .unwrap_or("");
                if let Some((first, _)) = numeric_parts(connected_on) {
                    day_first |= first > 12;
                    numeric_dates.push((connections.people.len(), connected_on.to_string()));
                }
                connections.people.push(person);
                connections.lines.push(row);
            }
            Some(Err(reason)) => connections.skipped.push(Skipped {
                row,
                why: SkipReason::NoName,
                reason,
            }),
        }
    }
    if columns.is_none() {
        return Err(Key("connectionsNoHeader").phrase());
    }
    for (at, text) in numeric_dates {
        if let Some(person) = connections.people.get_mut(at) {
            person.connected_on = date_ordered(&text, day_first);
        }
    }
    Ok(connections)
}

/// The person of one row, or why there is none; `None` for a blank row. An all-numeric date is
/// left for `read_connections`. Not inlined into the loop over the rows, so that the browser
/// optimizes it between rows (see `store::import`).
#[inline(never)]
fn person(record: &csv::StringRecord, columns: &Columns) -> Option<Result<Person, Phrase>> {
    if record.iter().all(|cell| cell.trim().is_empty()) {
        return None;
    }
    let text = |index: Option<usize>| {
        index
            .and_then(|at| record.get(at))
            .map(name)
            .filter(|text| !text.is_empty())
    };
    let cell = |index: Option<usize>| text(index).map(Cow::into_owned);
    let first = text(columns.first);
    let first = first
        .as_deref()
        .map(|first| first.trim_end_matches(',').trim())
        .unwrap_or("");
    let last = text(columns.last);
    let last = last.as_deref().unwrap_or("");
    let mut full_name = String::with_capacity(first.len() + last.len() + 1);
    for part in [first, last] {
        if !part.is_empty() {
            if !full_name.is_empty() {
                full_name.push(' ');
            }
            full_name.push_str(part);
        }
    }
    if full_name.is_empty() {
        return Some(Err(Key("skippedNoNames").phrase()));
    }
    let connected_on = columns.connected_on.and_then(|at| record.get(at));
    Some(Ok(Person {
        company: cell(columns.company),
        position: cell(columns.position),
        profile_url: columns
            .url
            .and_then(|at| record.get(at))
            .and_then(crate::capture::linkedin_profile_url),
        email: cell(columns.email).filter(|email| email.contains('@')),
        // Everyone in the export is a 1st-degree connection.
        degree: Some(FIRST_DEGREE.to_string()),
        connected_on: connected_on
            .filter(|text| numeric_parts(text).is_none())
            .and_then(|text| date_ordered(text, false)),
        ..Person::named(full_name)
    }))
}

/// The text of the file: UTF-8 (a byte-order mark dropped), UTF-16 when it starts with its
/// byte-order mark, and any line that is not UTF-8 read by `windows_1252` (a spreadsheet's
/// "CSV" on Windows), so that no row is lost to its encoding. The settings page reads the file
/// with it, decoding Windows-1252 with the browser's own `TextDecoder`, and sends the worker
/// the text.
pub fn text_of(bytes: &[u8], windows_1252: impl Fn(&[u8]) -> String) -> String {
    match bytes {
        [0xff, 0xfe, rest @ ..] => return utf_16(rest, u16::from_le_bytes),
        [0xfe, 0xff, rest @ ..] => return utf_16(rest, u16::from_be_bytes),
        _ => {}
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut text = String::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|byte| *byte == b'\n') {
        match std::str::from_utf8(line) {
            Ok(line) => text.push_str(line),
            Err(_) => text.push_str(&windows_1252(line)),
        }
    }
    text
}

/// UTF-16 in the byte order `unit` reads; a broken pair or a lone last byte is U+FFFD.
fn utf_16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        _ => 0xfffd,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252 as the WHATWG Encoding Standard reads it, for native callers (the tests, the
/// fuzz targets, the benchmarks). The extension asks the browser instead, which holds every
/// encoding already: nothing in the shipped Wasm calls this, so its tables are not in it.
pub fn windows_1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The delimiter of the header line (the first line naming "first name"): comma, semicolon or
/// tab, whichever it holds most of.
fn delimiter(text: &str) -> Option<u8> {
    let header = text
        .lines()
        .find(|line| line.to_lowercase().contains("first name"))?;
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|delimiter| header.bytes().filter(|byte| byte == delimiter).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
    }

    const CURRENT: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnjula,Batra,https://www.linkedin.com/in/anjula-batra,,Prepfully,Business Development Manager,30 May 2024\nAva,Lopez,https://www.linkedin.com/in/ava-lopez3,ava@example.com,\"CivicMinds, Inc\",Recruiter,23 May 2024\n";

    #[test]
    fn current_export_skips_the_notes_preamble_by_finding_the_header() {
        let read = read_connections(CURRENT).unwrap();
        assert!(read.skipped.is_empty());
        assert_eq!(read.people.len(), 2);
        let ava = &read.people[1];
        assert_eq!(ava.name, "Ava Lopez");
        assert_eq!(ava.company.as_deref(), Some("CivicMinds, Inc"));
        assert_eq!(ava.position.as_deref(), Some("Recruiter"));
        assert_eq!(ava.email.as_deref(), Some("ava@example.com"));
        assert_eq!(
            ava.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/ava-lopez3/")
        );
        assert_eq!(ava.connected_on, day(2024, 5, 23));
    }

    #[test]
    fn older_export_without_url_column_keeps_every_row() {
        let text = "First Name,Last Name,Email Address,Company,Position,Connected On\n\"Marie W,\",Coach,,Way2Grow.se,CEO,20 Nov 2018\n\nDina,Bécane,,Connect Chain,Co-Founder,20 Nov 2018\n";
        let read = read_connections(text).unwrap();
        assert_eq!(read.people.len(), 2);
        assert_eq!(read.people[0].name, "Marie W Coach");
        assert_eq!(read.people[0].profile_url, None);
        assert_eq!(read.people[1].connected_on, day(2018, 11, 20));
    }

    #[test]
    fn spreadsheet_resave_in_windows_1252_with_semicolons_keeps_the_row() {
        let mut bytes = b"First Name;Last Name;Company;Connected On\r\nJos\xe9;M\xfcller;Caf\xe9 SA;5-Jan-26\r\n".to_vec();
        bytes.extend_from_slice("Ana;Lima;Açaí;12 Mar 2024\r\n".as_bytes());
        let read = read_connections(&text_of(&bytes, windows_1252)).unwrap();
        assert_eq!(read.people[0].name, "José Müller");
        assert_eq!(read.people[0].company.as_deref(), Some("Café SA"));
        assert_eq!(read.people[0].connected_on, day(2026, 1, 5));
        assert_eq!(read.people[1].company.as_deref(), Some("Açaí"));
        assert_eq!(read.people[1].connected_on, day(2024, 3, 12));
    }

    #[test]
    fn names_headlines_and_companies_lose_the_debris_of_a_broken_encoding() {
        let mut bytes = b"First Name,Last Name,Company,Position\r\n".to_vec();
        bytes.extend_from_slice(b"Romina,Salvador Ona Bil\xef\xbf,Acme,Engineer\r\n");
        bytes.extend_from_slice("Vyom,Malik ��,Bil\u{fffd} Corp,Lead ��\r\n".as_bytes());
        bytes.extend_from_slice("Anaïs,Bécane Gonçalves,Açaí,Chef\r\n".as_bytes());
        let read = read_connections(&text_of(&bytes, windows_1252)).unwrap();
        let names: Vec<&str> = read.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Romina Salvador Ona Bil",
                "Vyom Malik",
                "Anaïs Bécane Gonçalves"
            ]
        );
        assert_eq!(read.people[1].company.as_deref(), Some("Bil Corp"));
        assert_eq!(read.people[1].position.as_deref(), Some("Lead"));
        assert_eq!(read.people[2].company.as_deref(), Some("Açaí"));
    }

    #[test]
    fn utf_16_files_read_as_the_encoding_standard_reads_them() {
        let text = "First Name,Last Name\r\nJosé,Müller\r\n李,🙂\r\n";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text_of(&le, windows_1252), text);
        assert_eq!(text_of(&be, windows_1252), text);
        let standard = |bytes: &[u8]| {
            let (encoding, _) = encoding_rs::Encoding::for_bom(bytes).unwrap();
            encoding.decode_with_bom_removal(bytes).0.into_owned()
        };
        let broken = [&le[..7], &[0x00, 0xd8, b'A'][..]].concat();
        assert_eq!(text_of(&broken, windows_1252), standard(&broken));
        let lone_low = [&be[..4], &[0xdc, 0x00, 0x00, b'B'][..]].concat();
        assert_eq!(text_of(&lone_low, windows_1252), standard(&lone_low));
    }

    #[test]
    fn rows_without_a_name_are_reported_with_their_line() {
        let text = "First Name,Last Name,Company\n,,Acme\nAl,B,C\n";
        let read = read_connections(text).unwrap();
        assert_eq!(read.people.len(), 1);
        assert_eq!(read.skipped.len(), 1);
        assert_eq!(read.skipped[0].row, 2);
        assert!(read.skipped[0].reason.english().contains("no name"));
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        assert!(read_connections("a,b,c\n1,2,3\n").is_err());
        assert!(read_connections("").is_err());
    }

    #[test]
    fn a_file_with_day_first_dates_reads_every_date_day_first() {
        let text =
            "First Name,Last Name,Connected On\nC,D,03/04/2024\nA,B,25/12/2024\nE,F,01/02/2024\n";
        let read = read_connections(text).unwrap();
        let dates: Vec<_> = read
            .people
            .iter()
            .map(|person| person.connected_on)
            .collect();
        assert_eq!(dates, [day(2024, 4, 3), day(2024, 12, 25), day(2024, 2, 1)]);
    }
}
