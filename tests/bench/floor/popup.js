// The floor's popup: asks the worker for the checklist and draws its rows as text.
const rows = await chrome.runtime.sendMessage({ type: 'checklist' });
const list = document.createElement('ul');
list.className = 'checklist';
for (const row of rows) {
  const item = document.createElement('li');
  item.className = 'item';
  const what = document.createElement('strong');
  what.textContent = row.text;
  const about = document.createElement('span');
  about.textContent = ` ${row.about} · ${new Date(row.due).toLocaleString()}`;
  item.append(what, about);
  list.append(item);
}
document.getElementById('app').replaceChildren(list);
