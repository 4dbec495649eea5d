// The floor the popup benchmark measures ours against: the same job done as simply as it can
// be in plain JS. Open follow-ups live in one record (`open`), with what a row shows; postings
// one per key with their URLs in one record (`keys`, to find a duplicate); contacts in records
// of 1,000 never read on wake. The badge is set on wake from `open`.
const DAY = 86_400_000;
let open = chrome.storage.local.get('open').then(({ open: rows = [] }) => rows);

async function badge() {
  const now = Date.now();
  const overdue = (await open).filter((row) => row.due < now).length;
  await chrome.action.setBadgeText({ text: overdue ? String(overdue) : '' });
}
badge();

async function save(rows, more = {}) {
  open = Promise.resolve(rows);
  await chrome.storage.local.set({ open: rows, ...more });
  await badge();
}

const handlers = {
  async checklist() {
    return [...(await open)].sort((a, b) => a.due - b.due).slice(0, 50);
  },
  async contacts({ contacts, from }) {
    const records = {};
    for (let i = 0; i < contacts.length; i += 1000) records[`contacts/${from + i}`] = contacts.slice(i, i + 1000);
    await chrome.storage.local.set(records);
    return contacts.length;
  },
  async track({ posting, now }) {
    const { keys = [] } = await chrome.storage.local.get('keys');
    if (keys.includes(posting.url)) return keys.indexOf(posting.url);
    const id = keys.length;
    const rows = [...(await open), {
      id: `${id}/apply`, posting: id, text: `Apply to ${posting.title} at ${posting.company}`,
      about: `${posting.title} · ${posting.company}`, due: now + 3 * DAY,
    }];
    await save(rows, { keys: [...keys, posting.url], [`posting/${id}`]: posting });
    return id;
  },
  async applied({ id, now }) {
    const { [`posting/${id}`]: posting } = await chrome.storage.local.get(`posting/${id}`);
    const about = `${posting.title} · ${posting.company}`;
    const rows = (await open).filter((row) => row.id !== `${id}/apply`);
    rows.push(
      { id: `${id}/name`, posting: id, text: `Find the hiring manager's name at ${posting.company}`, about, due: now + DAY },
      { id: `${id}/follow`, posting: id, text: 'Follow up on your application', about, due: now + 7 * DAY },
    );
    await save(rows);
    return rows.length;
  },
  async seed({ rows, keys }) {
    await save(rows, { keys });
    return rows.length;
  },
};

chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  handlers[message.type](message).then(reply);
  return true;
});
