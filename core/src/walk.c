/* placeholder: being written (walk) */
