-- A headless Neovim (0.7+) as a second, independent LSP client of the Interspec server, driven by
-- test/lsp/neovim.test.ts. Reads its job from the environment, writes what it saw as JSON, and quits.
--   INTERSPEC_SERVER  the server bundle (out/bundle/server.cjs)
--   INTERSPEC_FILE    the .ispec file to open
--   INTERSPEC_ROOT    the workspace folder to send, or empty for none (no rootUri, no workspaceFolders)
--   INTERSPEC_PROBES  JSON: { hover = {line, character}, definition = {...}, completion = {...} } (0-based)
--   INTERSPEC_OUT     where to write the JSON result
local env = vim.env
local out = { errors = {} }
local function finish()
  local file = io.open(env.INTERSPEC_OUT, 'w')
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local root = env.INTERSPEC_ROOT ~= '' and env.INTERSPEC_ROOT or nil
  local client_id = vim.lsp.start_client({
    name = 'interspec',
    cmd = { 'node', env.INTERSPEC_SERVER, '--stdio' },
    root_dir = root,
    on_error = function(code) table.insert(out.errors, 'client error ' .. tostring(code)) end,
  })
  if not client_id then error('the client did not start') end
  vim.cmd('edit ' .. vim.fn.fnameescape(env.INTERSPEC_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'interspec'
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- Diagnostics arrive with publishDiagnostics once the workspace is built.
  vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.diagnostics, { message = d.message, line = d.lnum, severity = d.severity, code = d.code })
  end

  local probes = vim.fn.json_decode(env.INTERSPEC_PROBES)
  local uri = vim.uri_from_bufnr(bufnr)
  local function ask(method, position, extra)
    local params = vim.tbl_extend('force', { textDocument = { uri = uri }, position = position }, extra or {})
    local response, request_err = client.request_sync(method, params, 10000, bufnr)
    if not response then return { error = tostring(request_err) } end
    if response.err then return { error = response.err.message } end
    return { result = response.result }
  end
  out.hover = ask('textDocument/hover', probes.hover)
  out.definition = ask('textDocument/definition', probes.definition)
  out.completion = ask('textDocument/completion', probes.completion)
  out.root = client.config.root_dir or vim.NIL
  client.stop()
end)
if not ok then table.insert(out.errors, tostring(err)) end
finish()
