-- Drives headless Neovim against `contactlint server` for tests/editor.rs: opens the files in
-- CONTACTLINT_OTHERS (space-separated: files that are not lists) and the list in CONTACTLINT_FILE,
-- attaching the server to every buffer as the snippet of docs/integrations/editors.md does, waits
-- for diagnostics, writes how many each other file got, asks for code actions on line 4 of the
-- list, applies the first quick fix, and writes what it saw to CONTACTLINT_OUT.
local out = io.open(os.getenv("CONTACTLINT_OUT"), "w")
local client_id = vim.lsp.start_client({
  cmd = { os.getenv("CONTACTLINT_BIN"), "server" },
  name = "contactlint",
  root_dir = vim.fn.getcwd(),
})
local others = {}
for path in string.gmatch(os.getenv("CONTACTLINT_OTHERS") or "", "%S+") do
  vim.cmd("edit " .. path)
  vim.lsp.buf_attach_client(0, client_id)
  others[path] = vim.api.nvim_get_current_buf()
end
vim.cmd("edit " .. os.getenv("CONTACTLINT_FILE"))
vim.lsp.buf_attach_client(0, client_id)
vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 20)
-- Every open document is published with the list: give the last publications a moment.
vim.wait(300)
for path, buffer in pairs(others) do
  out:write(string.format("other %s %d\n", vim.fn.fnamemodify(path, ":t"), #vim.diagnostic.get(buffer)))
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  out:write(string.format("diagnostic %d:%d %s\n", d.lnum, d.col, d.message:gsub("\n", " | ")))
end
local params = vim.lsp.util.make_range_params()
params.range = { start = { line = 3, character = 0 }, ["end"] = { line = 4, character = 0 } }
params.context = { diagnostics = {} }
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    out:write("action " .. action.title .. "\n")
    if action.edit and action.kind == "quickfix" then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      break
    end
  end
end
out:write("line " .. vim.api.nvim_buf_get_lines(0, 3, 4, false)[1] .. "\n")
out:close()
vim.cmd("qa!")
