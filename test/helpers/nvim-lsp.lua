-- Neovim as a real client of `ds-migrate lsp` (test/lsp.test.ts runs it headless). Uses the
-- API Neovim 0.7 has (Debian 12's), which later releases keep: start_client and
-- buf_attach_client (vim.lsp.start came in 0.8). Prints one line per step to $OUT, then quits.
local out = assert(io.open(os.getenv("OUT"), "w"))
local function say(line)
  out:write(line .. "\n")
  out:flush()
end

local root = os.getenv("ROOT")
local file = root .. "/" .. os.getenv("FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = "ds-migrate",
  cmd = { os.getenv("NODE"), os.getenv("BIN"), "lsp", "--stdio" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "test" } },
})
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function ours()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "ds-migrate" then
      table.insert(found, string.format("%d:%d %s", d.lnum + 1, d.col + 1, d.user_data and d.user_data.lsp and d.user_data.lsp.code or "?"))
    end
  end
  table.sort(found)
  return found
end

if not vim.wait(20000, function() return #ours() > 0 end, 50) then
  say("timeout: no diagnostics")
  vim.cmd("qa!")
end
say("diagnostics " .. table.concat(ours(), ", "))

-- The code action at the legacy ID, as Neovim's own code_action asks for it: the diagnostic,
-- turned back into the protocol's form, in the context.
local target
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.user_data.lsp.code == "legacy-model-id" then
    target = {
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
      severity = d.severity, message = d.message, source = d.source, code = d.user_data.lsp.code,
    }
  end
end
local response = client.request_sync("textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = target.range,
  context = { diagnostics = { target } },
}, 10000, bufnr)
if not response or response.err then
  say("code action failed: " .. vim.inspect(response):gsub("\n", " "))
  vim.cmd("qa!")
end
local titles = {}
for _, action in ipairs(response.result or {}) do table.insert(titles, action.title) end
say("actions " .. table.concat(titles, " | "))

-- Neovim applies the edit to the buffer (nothing is saved), then sends the change itself.
vim.lsp.util.apply_workspace_edit(response.result[1].edit, client.offset_encoding or "utf-16")
say("line " .. vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1])
if not vim.wait(20000, function() return #ours() == 0 end, 50) then
  say("timeout: diagnostics did not clear: " .. table.concat(ours(), ", "))
  vim.cmd("qa!")
end
say("cleared")
say("modified " .. tostring(vim.bo[bufnr].modified))
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
say("done")
vim.cmd("qa!")
