local find_module, base_names, library_names, os_names, stopped, charge = ...
local G, load, error, type, pairs, ipairs = _G, load, error, type, pairs, ipairs
local setmetatable, rawget, xpcall, pcall, concat = setmetatable, rawget, xpcall, pcall, table.concat
local create, resume = coroutine.create, coroutine.resume

-- Instructions charged for creating or resuming a coroutine: each thread
-- counts towards the hook on its own, so short-lived coroutines are charged
-- here, and a stop inside one is raised again in its resumer.
local COROUTINE_COST = 1000

local function settled(...)
  charge(0)
  return ...
end

local function unwrapped(ok, ...)
  charge(0)
  if not ok then error((...), 0) end
  return ...
end

-- Scripts may use string methods, but not reach the shared string table
-- through the string metatable.
getmetatable("").__metatable = false

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

return function(module_paths)
  local env = {}
  for _, name in ipairs(base_names) do env[name] = G[name] end
  for _, name in ipairs(library_names) do env[name] = copy(G[name]) end
  env.coroutine.create = function(f)
    charge(COROUTINE_COST)
    return create(f)
  end
  env.coroutine.resume = function(co, ...)
    charge(COROUTINE_COST)
    return settled(resume(co, ...))
  end
  env.coroutine.wrap = function(f)
    charge(COROUTINE_COST)
    local co = create(f)
    return function(...)
      charge(COROUTINE_COST)
      return unwrapped(resume(co, ...))
    end
  end

  env.os = {}
  for _, name in ipairs(os_names) do env.os[name] = G.os[name] end
  env._G = env

  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error("setmetatable: __gc finalizers are not allowed in scripts", 2)
    end
    local ok, result = pcall(setmetatable, t, mt)
    if not ok then error(result, 2) end
    return result
  end

  -- After a limit stop the script's handler is skipped: Lua may run it with
  -- hooks off, where a loop in it would never be stopped.
  env.xpcall = function(f, handler, ...)
    if type(handler) ~= "function" then
      error("bad argument #2 to 'xpcall' (function expected, got " .. type(handler) .. ")", 2)
    end
    return xpcall(f, function(e)
      if stopped() then return e end
      return handler(e)
    end, ...)
  end

  env.collectgarbage = function(option)
    if option == nil or option == "count" then return collectgarbage("count") end
    error("collectgarbage: only 'count' is allowed in scripts", 2)
  end

  env.load = function(chunk, name, mode, chunk_env)
    if mode ~= nil and mode ~= "t" then
      error("load: binary chunks are not allowed (mode must be 't')", 2)
    end
    if type(chunk) == "function" then
      -- Read the pieces here, in Lua, where the limits apply.
      local pieces, reader = {}, chunk
      while true do
        local piece = reader()
        if piece == nil or piece == "" then break end
        if type(piece) ~= "string" then error("load: the reader function must return strings", 2) end
        pieces[#pieces + 1] = piece
      end
      chunk = concat(pieces)
    elseif type(chunk) ~= "string" then
      error("bad argument #1 to 'load' (string expected, got " .. type(chunk) .. ")", 2)
    end
    if chunk_env == nil then chunk_env = env end
    local compiled, message = load(chunk, name, "t", chunk_env)
    if not compiled and type(message) == "string" then
      message = message:gsub("\nstack traceback:.*$", "") -- the host's handler saw the error too
    end
    return compiled, message
  end

  local loaded = {}
  env.require = function(name)
    if type(name) ~= "string" then
      error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
    end
    local value = loaded[name]
    if value ~= nil then return value end
    local found, source, path = pcall(find_module, name, module_paths)
    if not found then error(source, 2) end
    local chunk, message = load(source, "@" .. path, "t", env)
    if not chunk then error(message, 0) end
    value = chunk(name, path)
    if value == nil then value = true end
    loaded[name] = value
    return value
  end
  return env
end
