/* placeholder: being written (command and event field tables) */
typedef int cmd_evt_fields_placeholder;
