#pragma once
// The subcommands kept in files of their own, each added to the app by one function.

#include "command.hpp"

namespace xborder::cli {

// One line per subcommand file: Command add_<name>_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_screen_command(CLI::App& app);
Command add_policies_command(CLI::App& app);
Command add_release_command(CLI::App& app);
Command add_sign_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_hitkey_command(CLI::App& app);

}  // namespace xborder::cli
